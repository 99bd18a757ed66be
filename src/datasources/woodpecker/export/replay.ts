import type { ExportResultModel, ProspectInputModel } from '../models';
import { planBatches, type BatchRecord } from './journal';
import { prepareExport } from './prepare';
import { sendInBatches } from './send-in-batches';

const NEVER = new AbortController().signal;

/**
 * The result of a completed export, rebuilt from its recorded batches and the request (the key's fingerprint
 * guarantees it is the same request): exactly what its first caller got, without a Woodpecker call. A batch
 * missing from the record would have to be sent, which a replay never does: that is a bug and throws.
 */
export async function replayExport(prospects: readonly ProspectInputModel[], earlier: readonly BatchRecord[]): Promise<ExportResultModel> {
  const { outgoing, rejected } = prepareExport(prospects);
  const batches = planBatches(outgoing, Math.max(1, outgoing.length), earlier);
  const refuse = () => Promise.reject(new Error('a completed export was replayed but a batch of it has no recorded answer'));
  const replayed = await sendInBatches(batches, rejected, refuse, { signal: NEVER });
  return replayed.result;
}
