import { PROSPECT_STATUSES, PROSPECT_TEXT_FIELDS, type ProspectRecord, SNIPPET_FIELDS } from '../records';
import { parseIdList, parseList } from './context';

const MAX_PER_PAGE = 1000;
const DEFAULT_PER_PAGE = 100;

const SEARCHABLE = new Set<string>(['email', ...PROSPECT_TEXT_FIELDS]);

/** Sortable per W14; `snipet1`..`snipet4` are the legacy names of snippet1..4. */
const SORTABLE = new Map<string, keyof ProspectRecord>([
  ...(['id', 'status', 'updated', 'email', 'last_contacted', 'last_replied', 'organization_id'] as const).map(
    (field) => [field, field] as const,
  ),
  ...PROSPECT_TEXT_FIELDS.map((field) => [field, field] as const),
  ...SNIPPET_FIELDS.map((field) => [field, field] as const),
  ...([1, 2, 3, 4] as const).map((n) => [`snipet${n}`, `snippet${n}`] as const),
]);

const FULL_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ProspectQuery {
  page: number;
  perPage: number;
  ids?: number[];
  campaignIds?: number[];
  statuses?: Set<string>;
  /** Field → accepted values: fields are AND-ed, values of one field OR-ed. */
  search?: Map<string, string[]>;
  sort?: Array<{ field: keyof ProspectRecord; descending: boolean }>;
  withCampaignDetails: boolean;
}

const wrongParam = (message: string) => ({ error: message });

function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

function parseSearch(raw: string): Map<string, string[]> | { error: string } {
  const search = new Map<string, string[]>();
  for (const term of parseList(raw)) {
    const at = term.indexOf('=');
    const field = (at === -1 ? term : term.slice(0, at)).trim();
    if (at === -1 || !SEARCHABLE.has(field)) return wrongParam(`Wrong param [search]=${field}`);
    search.set(field, [...(search.get(field) ?? []), term.slice(at + 1).trim().toLowerCase()]);
  }
  return search;
}

/** `+company,-last_contacted`; a `+` that arrived unencoded has become a space, which means the same. */
function parseSort(raw: string): NonNullable<ProspectQuery['sort']> | { error: string } {
  const keys: NonNullable<ProspectQuery['sort']> = [];
  for (const term of raw.split(',')) {
    const descending = term.trim().startsWith('-');
    const name = term.trim().replace(/^[+-]/, '');
    const field = SORTABLE.get(name);
    if (!field) return wrongParam(`Wrong param [sort]=${name}`);
    keys.push({ field, descending });
  }
  return keys;
}

/** GET /v1/prospects parameters, or the E_WRONG_PARAM message for the first bad one. */
export function parseProspectQuery(params: URLSearchParams): ProspectQuery | { error: string } {
  const page = positiveInt(params.get('page'), 1);
  if (page === undefined) return wrongParam('Wrong param [page]');
  const perPage = positiveInt(params.get('per_page'), DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage > MAX_PER_PAGE) return wrongParam(`Wrong param [per_page]: 1 to ${MAX_PER_PAGE}`);
  const query: ProspectQuery = { page, perPage, withCampaignDetails: params.get('campaigns_details') === 'true' };

  for (const name of ['id', 'campaigns_id'] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    const ids = parseIdList(raw);
    if (!ids) return wrongParam(`Wrong param [${name}]=${raw}`);
    if (name === 'id') query.ids = ids;
    else query.campaignIds = ids;
  }
  const rawStatus = params.get('status');
  if (rawStatus !== null) {
    const statuses = parseList(rawStatus).map((s) => s.toUpperCase());
    const unknown = statuses.find((s) => !(PROSPECT_STATUSES as readonly string[]).includes(s));
    if (unknown !== undefined) return wrongParam(`Wrong param [status]=${unknown}`);
    query.statuses = new Set(statuses);
  }
  const rawSearch = params.get('search');
  if (rawSearch !== null) {
    const search = parseSearch(rawSearch);
    if ('error' in search) return search;
    query.search = search;
  }
  const rawSort = params.get('sort');
  if (rawSort !== null) {
    const sort = parseSort(rawSort);
    if ('error' in sort) return sort;
    query.sort = sort;
  }
  return query;
}

function fieldMatches(prospect: ProspectRecord, field: string, wanted: string): boolean {
  const value = String(prospect[field as keyof ProspectRecord]).toLowerCase();
  // A full address is an exact lookup; anything shorter is a substring search like every other field.
  return field === 'email' && FULL_EMAIL.test(wanted) ? value === wanted : value.includes(wanted);
}

export function matchesQuery(prospect: ProspectRecord, query: ProspectQuery): boolean {
  if (query.statuses && !query.statuses.has(prospect.status)) return false;
  if (!query.search) return true;
  for (const [field, values] of query.search) {
    if (!values.some((wanted) => fieldMatches(prospect, field, wanted))) return false;
  }
  return true;
}

export function compareProspects(sort: NonNullable<ProspectQuery['sort']>) {
  return (a: ProspectRecord, b: ProspectRecord): number => {
    for (const { field, descending } of sort) {
      const x = a[field];
      const y = b[field];
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return a.id - b.id;
  };
}
