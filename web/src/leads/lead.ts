import type { GenerateContentInput, ProspectInput } from '../gql/graphql';

export const LEAD_STATUSES = ['imported', 'generating', 'drafted', 'approved', 'exported', 'failed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** What a CSV row says about a person; `email` is the only required field. */
export interface LeadContact {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  industry?: string;
  linkedinUrl?: string;
  website?: string;
  phone?: string;
  city?: string;
  state?: string;
  country?: string;
  tags?: string;
}

export type ContactField = keyof LeadContact;

/** Woodpecker's snippet1..snippet7, in order: plain text for 1 and 3, `<div>` HTML for the others. */
export type Snippets = readonly [string, string, string, string, string, string, string];

export interface Sequence {
  snippets: Snippets;
  model: string;
  generatedAt: string;
}

export interface ExportRecord {
  campaignId: string;
  campaignName: string;
  at: string;
  /** Why Woodpecker or the server did not take this lead; absent when it is in the campaign. */
  failure?: string;
}

export interface Lead extends LeadContact {
  id: string;
  status: LeadStatus;
  importedAt: string;
  /** The generated (or, once approved, the approved) sequence. */
  sequence?: Sequence;
  /** Text the user typed since, per snippet index (0–6); converted to snippet HTML when approving. */
  edits?: Readonly<Partial<Record<number, string>>>;
  /** The status to return to when a generation is cancelled or fails. */
  statusBeforeGeneration?: LeadStatus;
  lastExport?: ExportRecord;
}

export function displayName(lead: LeadContact): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return name || lead.email;
}

function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** The lead as Claude gets it (the server treats every field as untrusted data). */
export function toLeadInput(lead: Lead): GenerateContentInput['lead'] {
  return withoutEmpty({
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    title: lead.title,
    industry: lead.industry,
    linkedinUrl: lead.linkedinUrl,
    website: lead.website,
    city: lead.city,
    state: lead.state,
    country: lead.country,
    tags: lead.tags,
  });
}

/** The lead with its approved sequence as a Woodpecker prospect. */
export function toProspectInput(lead: Lead): ProspectInput {
  const snippets = lead.sequence?.snippets;
  return withoutEmpty({
    ...toLeadInput(lead),
    phone: lead.phone,
    ...(snippets && {
      snippet1: snippets[0],
      snippet2: snippets[1],
      snippet3: snippets[2],
      snippet4: snippets[3],
      snippet5: snippets[4],
      snippet6: snippets[5],
      snippet7: snippets[6],
    }),
  });
}
