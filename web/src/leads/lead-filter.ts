import type { Lead, LeadStatus } from './lead';

export interface LeadFilter {
  search: string;
  status: LeadStatus | 'all';
}

/** Search covers the name, email, company and title, case-insensitively. */
export function filterLeads(leads: readonly Lead[], { search, status }: LeadFilter): Lead[] {
  const needle = search.trim().toLowerCase();
  return leads.filter(
    (lead) =>
      (status === 'all' || lead.status === status) &&
      (needle === '' ||
        [lead.firstName, lead.lastName, lead.email, lead.company, lead.title].some((value) => value?.toLowerCase().includes(needle))),
  );
}
