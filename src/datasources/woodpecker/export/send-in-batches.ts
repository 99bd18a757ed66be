import { BffError, isRetryable } from '../../../errors';
import { describeError } from '../../../logging/logger';
import { UpstreamFailure } from '../../shared/upstream-failure';
import { log } from '../log';
import type { ExportResultModel, ProspectErrorModel } from '../models';
import { rejectionErrors, type BatchOutcome } from './batch-outcome';
import type { ExportRun, PlannedBatch } from './journal';

export interface SentExport {
  result: ExportResultModel;
  /** Every prospect has its final verdict: the result may be kept as the export's outcome. */
  complete: boolean;
  /** Batches with a known answer (this try's or an earlier one's), and those this try sent. */
  batchesAnswered: number;
  batchesSent: number;
}

/** How one batch is to be sent. */
export interface BatchSend {
  /** An earlier try may have written these prospects: their duplicates are its writes, so succeeded. */
  resent: boolean;
  /**
   * Runs right before each attempt hands the batch to Woodpecker (and may refuse by throwing). It refuses once
   * this export stopped waiting for the batch: an attempt that holds Woodpecker's slot runs on after its caller
   * gave up, and must not send what the export already reported as unsent.
   */
  beforeDelivery(): Promise<void>;
  /** The attempt is handing the batch over; the function returned says it provably never arrived. */
  delivering(): () => void;
}

/** The drain's reason replaces the cancellation it caused, so the client reads "restarting", not "cancelled". */
function stopCause(error: unknown, signal: AbortSignal): unknown {
  return signal.aborted && error instanceof BffError && signal.reason instanceof BffError ? signal.reason : error;
}

/**
 * Sends the batches one at a time, in order (Woodpecker serves one request at a time anyway, and a stop
 * after a failure must leave a clean "sent up to here" line). A batch an earlier try of the same key got an
 * answer for is not sent again: its recorded outcome counts. With a journal, each batch is recorded as
 * possibly delivered before any attempt reaches Woodpecker, and with its outcome once answered.
 *
 * A batch that still fails after the runtime's retries (or is stopped by the drain, between batches or in
 * flight):
 * - while no batch of this export has an answer: nothing is known to be written, so the error is thrown as
 *   is; the client gets its code, `retryable` and `retryAfterSeconds`, and retrying is the obvious remedy;
 * - later: earlier batches are in the campaign, so an error would hide real writes. Sending stops and every
 *   prospect of the failed and unsent batches is reported with the batch error's code, so
 *   `total = succeeded + duplicates + failed` holds and nothing disappears silently. Such a result is not
 *   `complete`: a retry with the same key resumes it.
 * Anything that is not a `BffError` is a bug and is thrown whatever the batch.
 */
export async function sendInBatches(
  batches: readonly PlannedBatch[],
  rejected: readonly ProspectErrorModel[],
  send: (batch: PlannedBatch, how: BatchSend) => Promise<BatchOutcome>,
  run: ExportRun,
): Promise<SentExport> {
  let succeeded = 0;
  let duplicates = 0;
  const errors = [...rejected];
  let batchesAnswered = 0;
  let batchesSent = 0;
  const count = (batch: PlannedBatch, outcome: BatchOutcome) => {
    succeeded += outcome.succeeded;
    duplicates += outcome.duplicates;
    errors.push(...rejectionErrors(batch.prospects.map((p) => p.email), outcome));
    batchesAnswered += 1;
  };
  for (const [index, batch] of batches.entries()) {
    const known = batch.earlier?.answer;
    if (known) {
      count(batch, known);
      continue;
    }
    const bounds = { start: batch.start, size: batch.prospects.length };
    let marked = false;
    let givenUp = false;
    /** Attempts that may have reached Woodpecker: handed over, and not failed in a way that proves otherwise. */
    let mayHaveArrived = 0;
    const refuseIfGivenUp = () => {
      if (givenUp) throw new UpstreamFailure('woodpecker', 'aborted', 'the export stopped waiting for this batch', { delivery: 'no' });
    };
    try {
      if (run.signal.aborted) throw run.signal.reason;
      const outcome = await send(batch, {
        resent: batch.earlier !== undefined,
        beforeDelivery: async () => {
          refuseIfGivenUp();
          if (!marked && run.journal) {
            await run.journal.record(bounds);
            marked = true;
          }
          refuseIfGivenUp();
        },
        delivering: () => {
          mayHaveArrived += 1;
          return () => void (mayHaveArrived -= 1);
        },
      });
      batchesSent += 1;
      count(batch, outcome);
      // Not fatal: the batch stays "possibly delivered", so a resume re-sends it and counts its duplicates as ours.
      await run.journal?.record({ ...bounds, answer: outcome }).catch((error: unknown) => {
        log.warn('export progress not recorded: a resume re-sends this batch', { start: batch.start, error: describeError(error) });
      });
    } catch (thrown) {
      givenUp = true;
      // Not one attempt reached Woodpecker (refused connections, its queue full): a resume sends it afresh,
      // so prospects already in the campaign stay duplicates. An attempt still in flight (it holds the slot until
      // Woodpecker answers) may yet write it: the batch stays "possibly written", as it does if this is not recorded.
      if (marked && mayHaveArrived === 0) await run.journal?.record({ ...bounds, unsent: true }).catch(() => undefined);
      const error = stopCause(thrown, run.signal);
      if (batchesAnswered === 0 || !(error instanceof BffError)) throw error;
      const undelivered = batches.slice(index).flatMap((b) => b.prospects);
      log.warn('export stopped before its end', { code: error.code, batchesAnswered, undelivered: undelivered.length });
      const retryable = isRetryable(error.code);
      errors.push(...undelivered.map((p) => ({ email: p.email, code: error.code, message: error.message, retryable })));
      break;
    }
  }
  const total = rejected.length + batches.reduce((sum, batch) => sum + batch.prospects.length, 0);
  return {
    result: { total, succeeded, duplicates, failed: errors.length, errors },
    complete: batchesAnswered === batches.length,
    batchesAnswered,
    batchesSent,
  };
}
