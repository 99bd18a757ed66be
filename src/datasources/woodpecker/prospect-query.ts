import { isValidEmail, normalizeEmail } from '../../domain/email';
import { badInput } from '../../errors';
import { parseProspectList, toWireProspectStatus } from './mapping';
import type { ProspectFilterModel, ProspectModel, ProspectPageModel } from './models';
import { headerValue } from './response-classifier';
import type { QueryValue, WoodpeckerResponse } from './woodpecker-http';

/** Woodpecker's largest page (docs/upstreams.md §1.6). */
export const MAX_PER_PAGE = 1000;

export type Query = Record<string, QueryValue>;

/** One page of GET /v1/prospects as read off the wire. */
export interface ProspectRead {
  items: ProspectModel[];
  /** Items on the wire, before mapping dropped unusable ones: tells whether the page was full. */
  rawCount: number;
  /** From X-Total-Count, when Woodpecker sent it. */
  totalCount: number | undefined;
}

/**
 * `search=email=…,company=…` (fields AND-ed). Woodpecker's syntax has no escaping, so a comma or `=` in the
 * text would change the query's meaning (or fail it with E_WRONG_PARAM): such input is refused instead.
 */
function searchExpression(filter: ProspectFilterModel): string | undefined {
  const terms: string[] = [];
  const email = filter.email?.trim();
  const company = filter.search?.trim();
  if (email) {
    if (!isValidEmail(email)) throw badInput('Filter by a complete, valid email address.', ['filter.email']);
    terms.push(`email=${normalizeEmail(email)}`);
  }
  if (company) {
    if (/[,=]/.test(company)) throw badInput('The search text cannot contain commas or "=".', ['filter.search']);
    terms.push(`company=${company}`);
  }
  return terms.length > 0 ? terms.join(',') : undefined;
}

/** Validates the page arguments and builds the query of one `prospects` page. */
export function prospectPageQuery(filter: ProspectFilterModel, page: number, perPage: number): Query {
  if (!Number.isInteger(page) || page < 1) throw badInput('page must be 1 or more.', ['page']);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw badInput(`perPage must be between 1 and ${MAX_PER_PAGE}.`, ['perPage']);
  }
  return {
    page,
    per_page: perPage,
    campaigns_id: filter.campaignId,
    status: filter.status && toWireProspectStatus(filter.status),
    search: searchExpression(filter),
    campaigns_details: true, // each prospect then lists its campaigns, for `Prospect.campaigns`
  };
}

/** 204 (nothing matches) arrives as an undefined body: an empty page, not an error. */
export function readProspects(response: WoodpeckerResponse): ProspectRead {
  const total = Number(headerValue(response.headers, 'x-total-count') ?? NaN);
  return {
    items: parseProspectList(response.body),
    rawCount: Array.isArray(response.body) ? response.body.length : 0,
    totalCount: Number.isInteger(total) && total >= 0 ? total : undefined,
  };
}

/** Without X-Total-Count the total is a lower bound, and only a full page hints at another one. */
export function toProspectPage(read: ProspectRead, page: number, perPage: number): ProspectPageModel {
  const totalCount = read.totalCount ?? (read.rawCount === 0 ? 0 : (page - 1) * perPage + read.rawCount);
  const hasNextPage = read.totalCount === undefined ? read.rawCount === perPage : page * perPage < totalCount;
  return { items: read.items, totalCount, page, perPage, hasNextPage };
}
