import type { ExportResultModel } from '../models';
import type { BatchOutcome } from './batch-outcome';
import { toBatches, type OutgoingProspect } from './prepare';

/**
 * One batch of an export as recorded under its Idempotency-Key. Positions index the export's outgoing
 * prospects (prepareExport order), which the key's fingerprint pins down: every try of the key sees the same
 * list. Without `answer`, the batch was handed to Woodpecker and its answer is unknown: it may have been
 * written (a lost answer, a crash mid-send, an abandoned call Woodpecker still finished), unless `unsent`
 * says every attempt provably never reached Woodpecker.
 */
export interface BatchRecord {
  start: number;
  size: number;
  answer?: BatchOutcome;
  unsent?: true;
}

/**
 * What earlier tries of the same key did, and where this try writes down its own progress. `record` throws a
 * BffError when the progress cannot be kept (the store is unreachable, or another try holds the key now): the
 * export must then not send, since a crash would lose the knowledge of what it wrote.
 */
export interface ExportJournal {
  readonly earlier: readonly BatchRecord[];
  record(batch: BatchRecord): Promise<void>;
}

/** How the data source runs one export: stopped by `signal` (the process drain), never by the caller leaving. */
export interface ExportRun {
  signal: AbortSignal;
  journal?: ExportJournal;
}

export interface ExportOutcome {
  result: ExportResultModel;
  /** Every prospect reached its final verdict; otherwise a retry with the same key resumes the export. */
  complete: boolean;
}

export interface PlannedBatch {
  start: number;
  prospects: readonly OutgoingProspect[];
  /** What an earlier try recorded for exactly this batch. */
  earlier?: BatchRecord;
}

/**
 * The batches of a (resumed) export: first those an earlier try recorded, with their original bounds (each
 * starts where the previous ended, because batches go out in order; a batch it never sent ends them), then
 * the rest in batches of `size`. The
 * recorded bounds are kept even if the configured batch size changed since, so a recorded answer always
 * describes exactly the prospects it is reused for.
 */
export function planBatches(outgoing: readonly OutgoingProspect[], size: number, earlier: readonly BatchRecord[]): PlannedBatch[] {
  const planned: PlannedBatch[] = [];
  let next = 0;
  for (const record of [...earlier].sort((a, b) => a.start - b.start)) {
    if (record.unsent || record.start !== next || record.size < 1 || next + record.size > outgoing.length) break;
    planned.push({ start: next, prospects: outgoing.slice(next, next + record.size), earlier: record });
    next += record.size;
  }
  for (const prospects of toBatches(outgoing.slice(next), size)) {
    planned.push({ start: next, prospects });
    next += prospects.length;
  }
  return planned;
}
