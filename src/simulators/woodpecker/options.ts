import { z } from 'zod';
import type { FaultWeights } from '../shared/faults';
import { commonOptionShape, faultOptionShape, parseOptions } from '../shared/options';
import { V1_ERROR_CODES } from './errors';

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

/** The transient mix a plain `faultRate` draws from. */
export const DEFAULT_WOODPECKER_FAULTS: FaultWeights<WoodpeckerFaultKind> = {
  too_many_requests: 3,
  server_error: 2,
  unavailable: 2,
  reset: 2,
  slow: 1,
};

const count = (fallback: number) => z.number().int().min(0).default(fallback);
const errorStatus = (fallback: number) => z.number().int().min(400, 'must be a 4xx or 5xx status').max(599, 'must be a 4xx or 5xx status').default(fallback);

/** Every knob of the Woodpecker simulator, with its default; `configure` checks a change against the same schema. */
export const woodpeckerOptionsSchema = z.strictObject({
  ...commonOptionShape('sim-woodpecker-key'),
  ...faultOptionShape(WOODPECKER_FAULT_KINDS, WOODPECKER_ROUTES, DEFAULT_WOODPECKER_FAULTS),
  /** Requests that may wait behind the one being processed, per key (W6: 6; the error page says 2 or 5). */
  maxQueue: count(6),
  /** A queued request that waited this long gets E_TOO_MANY_REQUESTS. */
  maxQueueWaitMs: count(15_000),
  /** Per-key requests per quota window; 0 = none (Woodpecker documents none). */
  requestsPerMinute: count(0),
  /** Share of write faults (reset/500/slow/...) that strike after the write was applied, i.e. the answer is lost. */
  faultAfterApplyRatio: z.number().min(0).max(1).default(0.5),
  /** The per-prospect layout of add_prospects_campaign results, which the vendor docs leave unverified. */
  itemStyle: z.enum(['flat', 'nested']).default('flat'),
  /** HTTP status of E_SESSION on v1 (undocumented: 400 by default, 401 to test the other reading). */
  authErrorStatus: errorStatus(400),
  /** HTTP status of E_TOO_MANY_REQUESTS (undocumented: 400 by default; 409 and 429 are plausible). */
  tooManyRequestsStatus: errorStatus(400),
  /** Adds `Retry-After: retryAfterSeconds` to E_TOO_MANY_REQUESTS (Woodpecker documents none). */
  sendRetryAfter: z.boolean().default(false),
  retryAfterSeconds: count(1),
  /** The code in the `error_envelope` fault's 200 body. */
  errorEnvelopeCode: z.enum(V1_ERROR_CODES).default('E_TOO_MANY_REQUESTS'),
  /** Wire quirks the vendor docs leave open (wire.ts). */
  campaignListAsObject: z.boolean().default(false),
  lastRepliedWithSpace: z.boolean().default(false),
  legacySnipetFields: z.boolean().default(false),
  /** Data set size; applied at start and on a data reset. */
  campaignCount: count(6),
  prospectCount: count(300),
  /** Longer request URLs get nginx's 414 (the documented DELETE limit is 4100 characters). */
  maxUrlLength: z.number().int().min(1).default(4100),
  maxBodyBytes: z.number().int().min(0).default(50 * 1024 * 1024),
});

export type WoodpeckerSimOptions = z.output<typeof woodpeckerOptionsSchema>;
export type ItemStyle = WoodpeckerSimOptions['itemStyle'];

/** The whole option set from a partial one; throws on an unknown key or a bad value. */
export function woodpeckerOptions(input: Partial<WoodpeckerSimOptions> = {}): WoodpeckerSimOptions {
  return parseOptions(woodpeckerOptionsSchema, input);
}
