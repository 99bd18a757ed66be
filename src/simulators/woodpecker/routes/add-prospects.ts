import { jsonReply } from '../../shared/http';
import { v1Error } from '../errors';
import type { ItemStyle } from '../options';
import { PROSPECT_STATUSES, PROSPECT_TEXT_FIELDS, type ProspectRecord, type ProspectStatus, SNIPPET_FIELDS } from '../records';
import type { WoodpeckerStore } from '../store';
import { v1Timestamp } from '../timestamps';
import type { RouteHandler } from './context';

const MAX_PROSPECTS_PER_CALL = 20_000;
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[A-Za-z]{2,}$/;
const SETTABLE_FIELDS = [...PROSPECT_TEXT_FIELDS, ...SNIPPET_FIELDS];

type ItemOutcome =
  | { kind: 'ok'; email: string; id: number }
  | { kind: 'duplicate'; email: string; id: number }
  | { kind: 'error'; email: string; id?: number; code: 'E_EMAIL' | 'E_INV_STATUS'; msg: string };

interface Flags {
  force: boolean;
  update: boolean;
  now: string;
}

const DUPLICATE_MSG = 'Prospect already exists in this campaign';

/** The per-item layout is UNVERIFIED upstream, so the simulator speaks both plausible ones. */
function formatItem(outcome: ItemOutcome, style: ItemStyle): Record<string, unknown> {
  const id = outcome.id === undefined ? {} : { id: outcome.id };
  if (style === 'flat') {
    if (outcome.kind === 'ok') return { email: outcome.email, ...id, status: 'OK' };
    if (outcome.kind === 'duplicate') {
      return { email: outcome.email, ...id, status: 'DUPLICATE', code: 'E_DUPLICATE', msg: DUPLICATE_MSG };
    }
    return { email: outcome.email, ...id, status: 'ERROR', code: outcome.code, msg: outcome.msg };
  }
  const status =
    outcome.kind === 'ok'
      ? { status: 'OK', code: 'OK', msg: 'Prospect added' }
      : outcome.kind === 'duplicate'
        ? { status: 'ERROR', code: 'E_DUPLICATE', msg: DUPLICATE_MSG }
        : { status: 'ERROR', code: outcome.code, msg: outcome.msg };
  return { email: outcome.email, ...id, status };
}

/** Docs show JSON booleans; the Power Platform swagger and a PHP client send "true"/"false". */
function parseFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

function positiveId(value: unknown): number | undefined {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The fields an item may set, strings only (anything else is ignored, as the real API coerces or drops it). */
function settableFields(item: Record<string, unknown>): Partial<ProspectRecord> {
  const fields: Partial<Record<(typeof SETTABLE_FIELDS)[number], string>> = {};
  for (const field of SETTABLE_FIELDS) {
    const value = item[field];
    if (typeof value === 'string') fields[field] = value;
  }
  return fields;
}

function addOne(store: WoodpeckerStore, campaignId: number, raw: unknown, flags: Flags): ItemOutcome {
  const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const email = typeof item.email === 'string' ? item.email.trim() : '';
  if (!EMAIL.test(email)) return { kind: 'error', email: String(item.email ?? ''), code: 'E_EMAIL', msg: 'Invalid email address' };

  const fields = settableFields(item);
  const status = PROSPECT_STATUSES.includes(item.status as ProspectStatus) ? { status: item.status as ProspectStatus } : {};
  const existing = store.prospectByEmail(email);
  if (existing && store.isEnrolled(campaignId, existing.id)) {
    if (!flags.update) return { kind: 'duplicate', email, id: existing.id };
    store.updateProspect(existing.id, { ...fields, ...status, updated: flags.now });
    return { kind: 'ok', email, id: existing.id };
  }
  if (existing && existing.status !== 'ACTIVE' && !flags.force) {
    return { kind: 'error', email, id: existing.id, code: 'E_INV_STATUS', msg: `Prospect status is ${existing.status}` };
  }
  let prospect: ProspectRecord;
  if (!existing) prospect = store.createProspect({ email, updated: flags.now, ...fields });
  // Without `update`, a prospect the account already has keeps its stored fields and snippets (W15).
  else prospect = flags.update ? store.updateProspect(existing.id, { ...fields, ...status, updated: flags.now }) : existing;
  store.enrol(campaignId, prospect.id);
  return { kind: 'ok', email, id: prospect.id };
}

/**
 * POST /v1/add_prospects_campaign. Whole-request problems are v1 errors; per-prospect problems (bad email,
 * non-ACTIVE without force, already in the campaign) are items of a 200, so a re-sent batch is harmless:
 * whatever the first attempt enrolled comes back as E_DUPLICATE.
 */
export const addProspectsToCampaign: RouteHandler = ({ store, options, body }) => {
  if (!body) return v1Error('E_WRONG_PARAM', 'The request body must be a JSON object');
  const campaign = body.campaign as Record<string, unknown> | undefined;
  const campaignId = positiveId(typeof campaign === 'object' && campaign !== null ? campaign.campaign_id : undefined);
  if (campaignId === undefined || !store.campaign(campaignId)) return v1Error('E_RECORD_NOT_FOUND', 'Campaign not found');
  const prospects = body.prospects;
  if (!Array.isArray(prospects) || prospects.length === 0) return v1Error('E_REQUIRED_ELEMENT', 'Missing element [prospects]');
  if (prospects.length > MAX_PROSPECTS_PER_CALL) {
    return v1Error('E_WRONG_PARAM', `Too many prospects in one request (max ${MAX_PROSPECTS_PER_CALL})`);
  }
  const force = parseFlag(body.force);
  const update = parseFlag(body.update);
  if (force === undefined) return v1Error('E_WRONG_PARAM', 'Wrong param [force]');
  if (update === undefined) return v1Error('E_WRONG_PARAM', 'Wrong param [update]');

  const flags = { force, update, now: v1Timestamp(Date.now()) };
  const outcomes = prospects.map((item) => addOne(store, campaignId, item, flags));
  const count = (kind: ItemOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  return jsonReply(200, {
    prospects: outcomes.map((outcome) => formatItem(outcome, options.itemStyle)),
    status: {
      status: 'OK',
      code: 'OK',
      msg: `Added: ${count('ok')}, duplicates: ${count('duplicate')}, errors: ${count('error')}`,
    },
  });
};
