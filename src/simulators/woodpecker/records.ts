/** Woodpecker's data as the simulator stores it: prospect records are already in the v1 wire shape. */

export const CAMPAIGN_STATUSES = ['RUNNING', 'DRAFT', 'EDITED', 'PAUSED', 'STOPPED', 'COMPLETED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const PROSPECT_STATUSES = [
  'ACTIVE',
  'BLACKLIST',
  'AUTOREPLIED',
  'TO-CHECK',
  'TO-REVIEW',
  'BOUNCED',
  'INVALID',
  'REPLIED',
] as const;
export type ProspectStatus = (typeof PROSPECT_STATUSES)[number];

export type Interest = 'INTERESTED' | 'NOT-INTERESTED' | 'MAYBE-LATER' | 'NOT-MARKED';

export interface CampaignStep {
  subject: string;
  /** HTML, as Woodpecker stores step bodies. */
  msg: string;
  /** Days after the previous step (0 for the first). */
  followUpDays: number;
}

export interface CampaignRecord {
  id: number;
  name: string;
  status: CampaignStatus;
  created: string;
  from_name: string;
  from_email: string;
  folder_name: string;
  folder_id: number;
  per_day: number;
  bcc: string;
  cc: string;
  gdpr_unsubscribe: boolean;
  timezone: string;
  email_account_id: number;
  steps: CampaignStep[];
}

export const SNIPPET_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
export type SnippetField = `snippet${(typeof SNIPPET_NUMBERS)[number]}`;
export const SNIPPET_FIELDS = SNIPPET_NUMBERS.map((n) => `snippet${n}` as SnippetField);

/** The free-text prospect fields a client may set (add_prospects_campaign) and search on. */
export const PROSPECT_TEXT_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'industry',
  'website',
  'linkedin_url',
  'tags',
  'title',
  'phone',
  'address',
  'city',
  'state',
  'country',
] as const;
export type ProspectTextField = (typeof PROSPECT_TEXT_FIELDS)[number];

export interface ProspectRecord extends Record<ProspectTextField | SnippetField, string> {
  id: number;
  email: string;
  organization_id: number;
  last_contacted: string;
  last_replied: string;
  updated: string;
  encrypted: boolean;
  status: ProspectStatus;
}

/** A prospect's membership of one campaign, with the activity the campaign stats are computed from. */
export interface Enrolment {
  campaignId: number;
  prospectId: number;
  status: string;
  interested: Interest;
  /** Emails of the sequence sent so far. */
  sent: number;
  opened: boolean;
  clicked: boolean;
}

/** A prospect with every v1 field in the order the API prints them; unset fields are empty, status ACTIVE. */
export function prospectRecord(
  values: Pick<ProspectRecord, 'id' | 'email' | 'updated'> & Partial<ProspectRecord>,
): ProspectRecord {
  const record: ProspectRecord = {
    id: values.id,
    email: values.email,
    first_name: '',
    last_name: '',
    company: '',
    organization_id: 0,
    industry: '',
    website: '',
    linkedin_url: '',
    tags: '',
    title: '',
    phone: '',
    address: '',
    city: '',
    state: '',
    country: '',
    last_contacted: '',
    last_replied: '',
    updated: values.updated,
    encrypted: false,
    ...(Object.fromEntries(SNIPPET_FIELDS.map((field) => [field, ''])) as Record<SnippetField, string>),
    status: 'ACTIVE',
  };
  // Assigning onto the template keeps its key order whatever order `values` has.
  return Object.assign(record, values);
}
