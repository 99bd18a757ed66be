import type { FaultWeights } from '../shared/faults';
import { type CommonSimOptions, commonDefaults } from '../shared/options';
import type { V1ErrorCode } from './errors';
import type { WireQuirks } from './wire';

export const WOODPECKER_FAULT_KINDS = [
  'too_many_requests',
  'server_error',
  'unavailable',
  'reset',
  'slow',
  'malformed',
  'html',
  'error_envelope',
  'empty_200',
] as const;
export type WoodpeckerFaultKind = (typeof WOODPECKER_FAULT_KINDS)[number];

export const WOODPECKER_ROUTES = [
  'me',
  'campaign_list',
  'prospects',
  'add_prospects_campaign',
  'delete_prospects',
  'campaign_v2',
  'campaign_v2_action',
] as const;
export type WoodpeckerRoute = (typeof WOODPECKER_ROUTES)[number];

/** The per-prospect layout of add_prospects_campaign results, which the vendor docs leave unverified. */
export type ItemStyle = 'flat' | 'nested';

export interface WoodpeckerSimOptions extends CommonSimOptions<WoodpeckerFaultKind, WoodpeckerRoute>, WireQuirks {
  /** Requests that may wait behind the one being processed, per key (W6: 6; the error page says 2 or 5). */
  maxQueue: number;
  /** A queued request that waited this long gets E_TOO_MANY_REQUESTS. */
  maxQueueWaitMs: number;
  /** Per-key requests per quota window; 0 = none (Woodpecker documents none). */
  requestsPerMinute: number;
  /** Share of write faults (reset/500/slow/...) that strike after the write was applied, i.e. the answer is lost. */
  faultAfterApplyRatio: number;
  itemStyle: ItemStyle;
  /** HTTP status of E_SESSION on v1 (undocumented: 400 by default, 401 to test the other reading). */
  authErrorStatus: number;
  /** HTTP status of E_TOO_MANY_REQUESTS (undocumented: 400 by default; 409 and 429 are plausible). */
  tooManyRequestsStatus: number;
  /** Adds `Retry-After: retryAfterSeconds` to E_TOO_MANY_REQUESTS (Woodpecker documents none). */
  sendRetryAfter: boolean;
  retryAfterSeconds: number;
  /** The code in the `error_envelope` fault's 200 body. */
  errorEnvelopeCode: V1ErrorCode;
  /** Data set size; applied at start and on a data reset. */
  campaignCount: number;
  prospectCount: number;
  /** Longer request URLs get nginx's 414 (the documented DELETE limit is 4100 characters). */
  maxUrlLength: number;
  maxBodyBytes: number;
}

/** The transient mix a plain `faultRate` draws from. */
export const DEFAULT_WOODPECKER_FAULTS: FaultWeights<WoodpeckerFaultKind> = {
  too_many_requests: 3,
  server_error: 2,
  unavailable: 2,
  reset: 2,
  slow: 1,
};

export function woodpeckerDefaults(): WoodpeckerSimOptions {
  return {
    ...commonDefaults('sim-woodpecker-key'),
    faults: DEFAULT_WOODPECKER_FAULTS,
    faultsByRoute: {},
    maxQueue: 6,
    maxQueueWaitMs: 15_000,
    requestsPerMinute: 0,
    faultAfterApplyRatio: 0.5,
    itemStyle: 'flat',
    authErrorStatus: 400,
    tooManyRequestsStatus: 400,
    sendRetryAfter: false,
    retryAfterSeconds: 1,
    errorEnvelopeCode: 'E_TOO_MANY_REQUESTS',
    campaignListAsObject: false,
    lastRepliedWithSpace: false,
    legacySnipetFields: false,
    campaignCount: 6,
    prospectCount: 300,
    maxUrlLength: 4100,
    maxBodyBytes: 50 * 1024 * 1024,
  };
}

export function validateWoodpeckerOptions(options: WoodpeckerSimOptions): void {
  const counts = ['maxQueue', 'maxQueueWaitMs', 'requestsPerMinute', 'retryAfterSeconds', 'campaignCount', 'prospectCount'] as const;
  for (const key of counts) {
    if (!(Number.isInteger(options[key]) && options[key] >= 0)) throw new Error(`${key} must be an integer >= 0`);
  }
  if (!(options.faultAfterApplyRatio >= 0 && options.faultAfterApplyRatio <= 1)) {
    throw new Error('faultAfterApplyRatio must be between 0 and 1');
  }
  if (options.itemStyle !== 'flat' && options.itemStyle !== 'nested') throw new Error('itemStyle must be "flat" or "nested"');
  for (const key of ['authErrorStatus', 'tooManyRequestsStatus'] as const) {
    if (!(options[key] >= 400 && options[key] <= 599)) throw new Error(`${key} must be a 4xx or 5xx status`);
  }
}
