/**
 * Woodpecker's JSON as it may arrive (docs/upstreams.md §1). Every field is optional and loosely typed on
 * purpose: v1 sends numbers as strings now and then, nulls and empty strings for "none", and several shapes are
 * unverified. `mapping.ts` turns these into models; nothing else reads them.
 */

type Loose = string | number | null | undefined;

/** A JSON object (not null, not an array): the first check on anything read off the wire. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GET /v1/campaign_list item; `stats` only when exactly one id was asked for. */
export interface WireCampaign {
  id?: Loose;
  name?: string | null;
  status?: string | null;
  /** v1 timestamp, e.g. `2016-08-14T02:08:58+0200`. */
  created?: string | null;
  from_name?: string | null;
  from_email?: string | null;
  folder_name?: string | null;
  per_day?: Loose;
  stats?: WireCampaignStats | null;
}

export interface WireCampaignStats {
  prospects?: Loose;
  sent?: Loose;
  delivery?: Loose;
  opened?: Loose;
  clicked?: Loose;
  replied?: Loose;
  autoreplied?: Loose;
  bounced?: Loose;
  invalid?: Loose;
  interested?: Loose;
  not_interested?: Loose;
  maybe_later?: Loose;
  optout?: Loose;
  queue?: Loose;
}

/** GET /v1/prospects item. */
export interface WireProspect {
  id?: Loose;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  title?: string | null;
  industry?: string | null;
  website?: string | null;
  linkedin_url?: string | null;
  phone?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  tags?: string | null;
  status?: string | null;
  last_contacted?: string | null;
  last_replied?: string | null;
  /** The doc sample spells it with a space. */
  'last replied'?: string | null;
  updated?: string | null;
  campaigns_details?: WireCampaignDetail[] | null;
}

export interface WireCampaignDetail {
  campaign_id?: Loose;
  campaign_name?: string | null;
  campaign_status?: string | null;
}

/** A prospect as POST /v1/add_prospects_campaign takes it: only documented fields, empty ones omitted. */
export interface WireProspectInput {
  email: string;
  first_name?: string;
  last_name?: string;
  company?: string;
  title?: string;
  industry?: string;
  website?: string;
  linkedin_url?: string;
  phone?: string;
  city?: string;
  state?: string;
  country?: string;
  tags?: string;
  snippet1?: string;
  snippet2?: string;
  snippet3?: string;
  snippet4?: string;
  snippet5?: string;
  snippet6?: string;
  snippet7?: string;
}

export interface WireAddProspectsBody {
  campaign: { campaign_id: number };
  prospects: WireProspectInput[];
  force: boolean;
}

/** v1 error envelope; also the (unverified) per-item status object of add_prospects_campaign. */
export interface WireV1Status {
  status?: string;
  code?: string;
  msg?: string;
}
