import { log } from './log';
import type {
  CampaignModel,
  CampaignStatsModel,
  CampaignStatus,
  ProspectInputModel,
  ProspectModel,
  ProspectStatus,
} from './models';
import { isRecord, type WireCampaign, type WireCampaignStats, type WireProspect, type WireProspectInput } from './wire';
import { ownEntry } from '../../domain/own-entry';

/**
 * Wire → model (and model → wire for exports). Lenient by design: v1 mixes numbers and numeric strings, uses
 * null, "" and "0000-00-00 00:00:00" for "none", and some shapes are unverified, so a field we cannot read
 * becomes undefined instead of failing the whole answer. Only records without an identity are dropped.
 */

const CAMPAIGN_STATUSES: ReadonlySet<string> = new Set<CampaignStatus>([
  'RUNNING',
  'DRAFT',
  'EDITED',
  'PAUSED',
  'STOPPED',
  'COMPLETED',
]);
const PROSPECT_STATUSES: ReadonlySet<string> = new Set<ProspectStatus>([
  'ACTIVE',
  'BLACKLIST',
  'AUTOREPLIED',
  'TO_CHECK',
  'TO_REVIEW',
  'BOUNCED',
  'INVALID',
  'REPLIED',
]);
/** The webhook docs call the replied state RESPONDED (docs/upstreams.md §1.5, unverified). */
const PROSPECT_STATUS_ALIASES: Readonly<Record<string, ProspectStatus>> = { RESPONDED: 'REPLIED' };

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function integer(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** Woodpecker ids are positive integers; as strings they are the GraphQL `ID`s. */
function id(value: unknown): string | undefined {
  const n = integer(value);
  return n !== undefined && n > 0 ? String(n) : undefined;
}

const V1_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `2016-08-14T02:08:58+0200` (v1, offset without colon) → `2016-08-14T00:08:58.000Z`. A time without a zone
 * (v2's `2025-03-05 17:57:00`) is read as UTC, the only reading that does not depend on where the BFF runs.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
  const match = typeof value === 'string' ? V1_TIMESTAMP.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const parsed = new Date(`${date}T${time}${offset}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

function campaignStatus(value: unknown): CampaignStatus | undefined {
  const status = text(value)?.toUpperCase();
  return status !== undefined && CAMPAIGN_STATUSES.has(status) ? (status as CampaignStatus) : undefined;
}

/** `TO-CHECK` → `TO_CHECK`; unknown values become undefined (the field is nullable) and are logged once per item. */
export function toProspectStatus(value: unknown): ProspectStatus | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const status = raw.toUpperCase().replace(/[-\s]/g, '_');
  if (PROSPECT_STATUSES.has(status)) return status as ProspectStatus;
  const alias = ownEntry(PROSPECT_STATUS_ALIASES, status);
  if (alias === undefined) log.debug('unknown Woodpecker prospect status', { status: raw });
  return alias;
}

/** GraphQL enum → the query value Woodpecker expects (`TO_CHECK` → `TO-CHECK`). */
export function toWireProspectStatus(status: ProspectStatus): string {
  return status.replace(/_/g, '-');
}

export function toCampaignStats(wire: WireCampaignStats): CampaignStatsModel {
  const n = (value: unknown): number => integer(value) ?? 0;
  return {
    prospects: n(wire.prospects),
    sent: n(wire.sent),
    delivered: n(wire.delivery),
    opened: n(wire.opened),
    clicked: n(wire.clicked),
    replied: n(wire.replied),
    autoReplied: n(wire.autoreplied),
    bounced: n(wire.bounced),
    invalid: n(wire.invalid),
    interested: n(wire.interested),
    notInterested: n(wire.not_interested),
    maybeLater: n(wire.maybe_later),
    optedOut: n(wire.optout),
    queued: n(wire.queue),
  };
}

/**
 * Undefined when the item has no id, or a status outside the GraphQL enum (e.g. DELETED): such campaigns
 * cannot be shown or exported to, so lists leave them out. A blank name still leaves the campaign usable.
 */
function toCampaign(wire: WireCampaign, fallbackId?: string): CampaignModel | undefined {
  const campaignId = id(wire.id) ?? fallbackId;
  const status = campaignStatus(wire.status);
  if (campaignId === undefined || status === undefined) {
    log.debug('Woodpecker campaign left out', { campaignId, status: wire.status });
    return undefined;
  }
  return {
    id: campaignId,
    name: text(wire.name) ?? `Campaign ${campaignId}`,
    status,
    createdAt: toIsoTimestamp(wire.created),
    fromName: text(wire.from_name),
    fromEmail: text(wire.from_email),
    folderName: text(wire.folder_name),
    perDay: integer(wire.per_day),
    stats: isRecord(wire.stats) ? toCampaignStats(wire.stats) : undefined,
  };
}

/** The campaign list is documented as an array; one client also saw an object keyed by id, so both are read. */
export function parseCampaignList(body: unknown): CampaignModel[] {
  const entries: [WireCampaign, string | undefined][] = Array.isArray(body)
    ? body.filter(isRecord).map((item) => [item, undefined])
    : isRecord(body)
      ? Object.entries(body)
          .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
          .map(([key, item]) => [item, id(key)])
      : [];
  return entries.map(([item, key]) => toCampaign(item, key)).filter((c): c is CampaignModel => c !== undefined);
}

function toProspect(wire: WireProspect): ProspectModel | undefined {
  const prospectId = id(wire.id);
  const email = text(wire.email);
  if (prospectId === undefined || email === undefined) {
    log.debug('Woodpecker prospect without id or email left out', { prospectId });
    return undefined;
  }
  const campaignIds = (Array.isArray(wire.campaigns_details) ? wire.campaigns_details : [])
    .map((detail) => (isRecord(detail) ? id(detail.campaign_id) : undefined))
    .filter((c): c is string => c !== undefined);
  return {
    id: prospectId,
    email,
    firstName: text(wire.first_name),
    lastName: text(wire.last_name),
    company: text(wire.company),
    title: text(wire.title),
    industry: text(wire.industry),
    website: text(wire.website),
    linkedinUrl: text(wire.linkedin_url),
    phone: text(wire.phone),
    city: text(wire.city),
    state: text(wire.state),
    country: text(wire.country),
    tags: text(wire.tags),
    status: toProspectStatus(wire.status),
    lastContactedAt: toIsoTimestamp(wire.last_contacted),
    lastRepliedAt: toIsoTimestamp(wire.last_replied ?? wire['last replied']),
    updatedAt: toIsoTimestamp(wire.updated),
    campaignIds: [...new Set(campaignIds)],
  };
}

/** GET /v1/prospects answers a JSON array (204 and no body when nothing matches). */
export function parseProspectList(body: unknown): ProspectModel[] {
  if (!Array.isArray(body)) return [];
  return body
    .filter(isRecord)
    .map((item) => toProspect(item))
    .filter((p): p is ProspectModel => p !== undefined);
}

/**
 * Model → add_prospects_campaign item: documented v1 fields only, empty ones omitted so they do not blank
 * what Woodpecker already stores. `timeZone` is not sent: no v1 prospect field for it is documented
 * (docs/upstreams.md §1.5/§1.7; Phase 1's `time_zone` was a guess), and an unknown key could be rejected or, worse,
 * silently ignored. Send times come from the campaign's own time-zone settings.
 */
export function toWireProspect(input: ProspectInputModel): WireProspectInput {
  const fields: Omit<WireProspectInput, 'email'> = {
    first_name: input.firstName,
    last_name: input.lastName,
    company: input.company,
    title: input.title,
    industry: input.industry,
    website: input.website,
    linkedin_url: input.linkedinUrl,
    phone: input.phone,
    city: input.city,
    state: input.state,
    country: input.country,
    tags: input.tags,
    snippet1: input.snippet1,
    snippet2: input.snippet2,
    snippet3: input.snippet3,
    snippet4: input.snippet4,
    snippet5: input.snippet5,
    snippet6: input.snippet6,
    snippet7: input.snippet7,
  };
  const present = Object.entries(fields).filter(([, value]) => typeof value === 'string' && value.trim() !== '');
  return { email: input.email.trim(), ...Object.fromEntries(present) };
}
