import type { Config } from '../config';
import type { ExportResultModel } from '../datasources/woodpecker/models';
import { exportBudgetMs, type ExportRequest } from '../datasources/woodpecker/WoodpeckerAPI';
import { fingerprint, scopedKey } from './fingerprint';
import { chooseIdempotencyKey } from './idempotency-key';
import type { IdempotencyStore } from './idempotency-store';
import { runOnce } from './run-once';

/** A claim outlives the export's own deadline by this much, so a repeat never takes over a live export. */
const CLAIM_MARGIN_MS = 5_000;

/** The per-request face: bound to the caller and the request's `Idempotency-Key` header. */
export interface ExportIdempotency {
  /**
   * Runs `work` once per (caller, key) across every instance: a repeat replays the stored result without
   * writing to Woodpecker again. Without a key (header or `inputKey`) it just runs `work`.
   */
  run(inputKey: string | null | undefined, request: ExportRequest, work: () => Promise<ExportResultModel>): Promise<ExportResultModel>;
}

export interface ExportCaller {
  callerId: string;
  /** The raw `Idempotency-Key` header, if sent. */
  headerKey: string | undefined;
  signal: AbortSignal;
}

/** Process-wide: the store (memory, or Redis for several instances) and the export deadlines. */
export class IdempotentExports {
  constructor(
    private readonly store: IdempotencyStore<ExportResultModel>,
    private readonly config: Pick<Config, 'idempotencyTtlMs' | 'resilience' | 'woodpecker'>,
  ) {}

  forRequest(caller: ExportCaller): ExportIdempotency {
    return {
      run: (inputKey, request, work) => {
        const chosen = chooseIdempotencyKey(caller.headerKey, inputKey);
        if (!chosen) return work();
        const batches = Math.ceil(request.prospects.length / this.config.woodpecker.batchSize);
        const options = {
          key: scopedKey(caller.callerId, chosen.key),
          field: chosen.field,
          fingerprint: fingerprint(request),
          what: 'export',
          retentionMs: this.config.idempotencyTtlMs,
          claimTtlMs: exportBudgetMs(this.config.resilience.deadlines, batches) + CLAIM_MARGIN_MS,
          signal: caller.signal,
        };
        return runOnce(this.store, options, work);
      },
    };
  }
}
