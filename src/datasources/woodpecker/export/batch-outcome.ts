import { normalizeEmail } from '../../../domain/email';
import { maskEmail } from '../../../logging/redact';
import { log } from '../log';
import type { ProspectErrorModel } from '../models';
import { isRecord } from '../wire';
import { prospectError, type ProspectRejection } from './prospect-errors';
import { ownEntry } from '../../../domain/own-entry';

/**
 * What one delivered batch did, in ExportResult terms. Rejections name the prospect by its position in the
 * batch, so the outcome stays small enough to keep under an Idempotency-Key (rejectionErrors spells it out).
 */
export interface BatchOutcome {
  succeeded: number;
  duplicates: number;
  rejected: [position: number, code: ProspectRejection][];
}

/** The batch's rejections as ExportResult errors, named as the caller spelled them. */
export function rejectionErrors(sentEmails: readonly string[], outcome: BatchOutcome): ProspectErrorModel[] {
  return outcome.rejected.map(([position, code]) => prospectError(sentEmails[position] ?? '', code));
}

type ItemVerdict = { kind: 'added' } | { kind: 'duplicate' } | { kind: 'rejected'; code: ProspectRejection };

const ADDED: ItemVerdict = { kind: 'added' };
const DUPLICATE: ItemVerdict = { kind: 'duplicate' };
const rejected = (code: ProspectRejection): ItemVerdict => ({ kind: 'rejected', code });

/** Codes with a specific meaning (docs/upstreams.md §1.10); they win over generic words like ERROR. */
const SPECIFIC: Readonly<Record<string, ItemVerdict>> = {
  E_DUPLICATE: DUPLICATE,
  DUPLICATE: DUPLICATE,
  E_INV_STATUS: rejected('INVALID_STATUS'),
  E_EMAIL: rejected('INVALID_EMAIL'),
  E_EMAIL_NOT_EXISTS: rejected('EMAIL_NOT_EXISTS'),
};
const SUCCESS_WORDS: ReadonlySet<string> = new Set(['OK', 'SUCCESS', 'ADDED', 'CREATED', 'SAVED']);
const FAILURE_WORDS: ReadonlySet<string> = new Set(['ERROR', 'FAILED', 'FAIL', 'REJECTED']);

type Item = Record<string, unknown>;

function token(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : undefined;
}

/** An `error` field that is present and not empty/false, whatever its type. */
function hasError(item: Item): boolean {
  const error = item.error;
  return !(error === undefined || error === null || error === false || error === '' || error === 0);
}

/**
 * The per-item layout is unverified (docs/upstreams.md §1.7), so every layout seen in docs and Phase 1 is read:
 * `status` as a word or as `{status, code, msg}`, `code`, `result`, and `error` as a code, an object or text.
 * Only codes and status words are interpreted, never free text (`msg`, `message`, a prose `error`, which
 * only tells that something failed). An item with nothing to say was processed without complaint, which
 * Phase 1 also counted as added. Bare prospect statuses (`ACTIVE`, `BLACKLIST`…) describe the prospect, not
 * the outcome, and are therefore neutral.
 */
export function itemVerdict(item: Item): ItemVerdict {
  const status = isRecord(item.status) ? item.status : undefined;
  const error = isRecord(item.error) ? item.error.code : item.error;
  const tokens = [status?.code, item.code, error, item.result, status?.status, item.status]
    .map(token)
    .filter((t): t is string => t !== undefined);
  const specific = tokens.map((t) => ownEntry(SPECIFIC, t)).find((v) => v !== undefined);
  if (specific) return specific;
  if (tokens.some((t) => FAILURE_WORDS.has(t) || t.startsWith('E_'))) return rejected('REJECTED');
  if (tokens.some((t) => SUCCESS_WORDS.has(t))) return ADDED;
  return hasError(item) ? rejected('REJECTED') : ADDED;
}

/** The answer's items, positions kept (a non-object item stays a hole) so positional matching stays aligned. */
function itemsOf(body: unknown): (Item | undefined)[] | undefined {
  const list = Array.isArray(body) ? body : isRecord(body) ? body.prospects : undefined;
  return Array.isArray(list) ? list.map((item) => (isRecord(item) ? item : undefined)) : undefined;
}

/**
 * Matches the answer's items to the prospects sent, by email (case-insensitive), or by position for items
 * that carry no email. A prospect with no matching item was still accepted with its batch: counted as added.
 *
 * `resent`: an earlier attempt of this very batch may have reached Woodpecker. Its duplicates are then most
 * likely our own earlier write, and the API contract (docs/resilience.md, exports) counts those as succeeded. (A prospect that was genuinely in the
 * campaign before is indistinguishable in that case; over-counting `succeeded` is the lesser error, because
 * "duplicate" would tell the user that this export added nothing for it.)
 */
export function readBatchOutcome(sentEmails: readonly string[], body: unknown, resent: boolean): BatchOutcome {
  const listed = itemsOf(body);
  if (!listed) log.debug('no per-item outcomes in the answer; the whole batch counts as added', { size: sentEmails.length });
  const items = listed ?? [];
  const byEmail = new Map<string, Item>();
  for (const item of items) {
    const email = typeof item?.email === 'string' ? normalizeEmail(item.email) : undefined;
    if (item && email !== undefined && !byEmail.has(email)) byEmail.set(email, item);
  }
  const outcome: BatchOutcome = { succeeded: 0, duplicates: 0, rejected: [] };
  sentEmails.forEach((email, index) => {
    const positional = items[index];
    const anonymous = positional && typeof positional.email !== 'string' ? positional : undefined;
    const item = byEmail.get(normalizeEmail(email)) ?? anonymous;
    if (!item && listed) log.debug('no per-item answer for a prospect; counted as added', { email: maskEmail(email) });
    const verdict = item ? itemVerdict(item) : ADDED;
    if (verdict.kind === 'added' || (verdict.kind === 'duplicate' && resent)) outcome.succeeded += 1;
    else if (verdict.kind === 'duplicate') outcome.duplicates += 1;
    else outcome.rejected.push([index, verdict.code]);
  });
  return outcome;
}
