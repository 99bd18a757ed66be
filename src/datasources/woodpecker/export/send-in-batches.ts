import { BffError, isRetryable } from '../../../errors';
import { log } from '../log';
import type { ExportResultModel, ProspectErrorModel } from '../models';
import type { BatchOutcome } from './batch-outcome';
import type { OutgoingProspect } from './prepare';

export interface SentExport {
  result: ExportResultModel;
  /** Batches that reached a final answer (for the export log line). */
  batchesDelivered: number;
}

/**
 * Sends the batches one at a time, in order (Woodpecker serves one request at a time anyway, and a stop
 * after a failure must leave a clean "sent up to here" line).
 *
 * A batch that still fails after the runtime's retries:
 * - the first one: nothing of this export was written yet, so the error is thrown as is; the client gets its
 *   code, `retryable` and `retryAfterSeconds`, and retrying the whole export is the obvious remedy;
 * - a later one: earlier batches are in the campaign, so an error would hide real writes. Sending stops and
 *   every prospect of the failed and unsent batches is reported with the batch error's code, so
 *   `total = succeeded + duplicates + failed` holds and nothing disappears silently.
 * Anything that is not a `BffError` is a bug and is thrown whatever the batch.
 */
export async function sendInBatches(
  batches: readonly (readonly OutgoingProspect[])[],
  rejected: readonly ProspectErrorModel[],
  send: (batch: readonly OutgoingProspect[]) => Promise<BatchOutcome>,
): Promise<SentExport> {
  let succeeded = 0;
  let duplicates = 0;
  const errors = [...rejected];
  let batchesDelivered = 0;
  for (const batch of batches) {
    try {
      const outcome = await send(batch);
      succeeded += outcome.succeeded;
      duplicates += outcome.duplicates;
      errors.push(...outcome.errors);
      batchesDelivered += 1;
    } catch (error) {
      if (batchesDelivered === 0 || !(error instanceof BffError)) throw error;
      const undelivered = batches.slice(batchesDelivered).flat();
      log.warn('export stopped after a batch failed', { code: error.code, batchesDelivered, undelivered: undelivered.length });
      const retryable = isRetryable(error.code);
      errors.push(...undelivered.map((p) => ({ email: p.email, code: error.code, message: error.message, retryable })));
      break;
    }
  }
  const total = rejected.length + batches.reduce((sum, batch) => sum + batch.length, 0);
  return { result: { total, succeeded, duplicates, failed: errors.length, errors }, batchesDelivered };
}
