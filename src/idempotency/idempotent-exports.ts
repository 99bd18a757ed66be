import type { Config } from '../config';
import type { BatchRecord, ExportJournal, ExportOutcome, ExportRun } from '../datasources/woodpecker/export/journal';
import { replayExport } from '../datasources/woodpecker/export/replay';
import type { ExportResultModel } from '../datasources/woodpecker/models';
import { exportBudgetMs, type ExportRequest } from '../datasources/woodpecker/WoodpeckerAPI';
import type { BackgroundWork } from '../lifecycle/background-work';
import { logger } from '../logging/logger';
import { fingerprint, scopedKey } from './fingerprint';
import { chooseIdempotencyKey } from './idempotency-key';
import type { IdempotencyStore, Steps } from './idempotency-store';
import { runOnce, type Journal } from './run-once';

const log = logger.child({ component: 'idempotency' });

/** A repeat waits this much longer than the export may take, so it sees the holder's end (or its claim lapse). */
const WAIT_MARGIN_MS = 5_000;

/**
 * Bytes one prospect may take in an export's record: a batch of one (the smallest) with a rejection is about
 * 100 bytes of JSON. The cap per key follows the largest export allowed, so a legal export always fits and
 * nothing else can grow a record.
 */
const RECORD_BYTES_PER_PROSPECT = 128;
const RECORD_BYTES_BASE = 4_096;

export function maxRecordBytes(maxProspectsPerExport: number): number {
  return RECORD_BYTES_BASE + RECORD_BYTES_PER_PROSPECT * maxProspectsPerExport;
}

/** Runs one export: the data source's addProspects on a detached run, with the key's journal when there is a key. */
export type ExportWork = (run: ExportRun) => Promise<ExportOutcome>;

/** The per-request face: bound to the caller and the request's `Idempotency-Key` header. */
export interface ExportIdempotency {
  /**
   * Runs the export detached from the request, which only awaits it: a caller that leaves does not stop it.
   * With a key (header or `inputKey`) it runs to completion once per (caller, key) across every instance: a
   * repeat replays the outcome, waits for the running try, or resumes an interrupted one where it stopped.
   */
  run(inputKey: string | null | undefined, request: ExportRequest, work: ExportWork): Promise<ExportResultModel>;
  /** Whether this call repeats an export already started under its key (a repeat costs no rate-limit points). */
  isRepeat(inputKey: string | null | undefined): Promise<boolean>;
}

export interface ExportCaller {
  callerId: string;
  /** The raw `Idempotency-Key` header, if sent. */
  headerKey: string | undefined;
  /** The client's connection: it ends a repeat's wait, never an export. */
  signal: AbortSignal;
}

type IdempotencyConfig = Pick<Config, 'idempotencyTtlMs' | 'idempotencyClaimTtlMs' | 'resilience' | 'woodpecker'>;

function asExportJournal(journal: Journal<BatchRecord>): ExportJournal {
  return { earlier: Object.values(journal.steps), record: (batch) => journal.record(String(batch.start), batch) };
}

/** Process-wide: the store (memory, or Redis for several instances), the background work and the deadlines. */
export class IdempotentExports {
  constructor(
    private readonly store: IdempotencyStore<BatchRecord>,
    private readonly background: BackgroundWork,
    private readonly config: IdempotencyConfig,
  ) {}

  forRequest(caller: ExportCaller): ExportIdempotency {
    const repeats = new Map<string, Promise<boolean>>();
    return {
      run: (inputKey, request, work) => {
        const chosen = chooseIdempotencyKey(caller.headerKey, inputKey);
        if (!chosen) return this.background.run(async (signal) => (await work({ signal })).result);
        const budgetMs = exportBudgetMs(this.config.resilience.deadlines, Math.ceil(request.prospects.length / this.config.woodpecker.batchSize));
        const options = {
          key: scopedKey(caller.callerId, chosen.key),
          field: chosen.field,
          fingerprint: fingerprint(request),
          what: 'export',
          times: { claimTtlMs: this.config.idempotencyClaimTtlMs, retentionMs: this.config.idempotencyTtlMs, etaMs: budgetMs },
          maxWaitMs: budgetMs + WAIT_MARGIN_MS,
          signal: caller.signal,
        };
        return runOnce(this.store, options, {
          run: (journal, signal) => work({ signal, journal: asExportJournal(journal) }),
          replay: (steps: Steps<BatchRecord>) => replayExport(request.prospects, Object.values(steps)),
          detach: (task) => this.background.run(task),
        });
      },
      isRepeat: (inputKey) => {
        const memo = String(inputKey);
        let known = repeats.get(memo);
        if (!known) repeats.set(memo, (known = this.known(caller, inputKey)));
        return known;
      },
    };
  }

  /** A malformed key or an unreachable store is no repeat: the call is charged, and the resolver says why it fails. */
  private async known(caller: ExportCaller, inputKey: string | null | undefined): Promise<boolean> {
    try {
      const chosen = chooseIdempotencyKey(caller.headerKey, inputKey);
      return chosen !== undefined && (await this.store.known(scopedKey(caller.callerId, chosen.key)));
    } catch (error) {
      log.debug('no repeat check for this export', { reason: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }
}
