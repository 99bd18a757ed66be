/** Woodpecker JSON as docs/upstreams.md §1.4/§1.5 documents it. */

export function wireCampaign(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Campaign ${id}`,
    status: 'RUNNING',
    created: `2024-03-${String(10 + (id % 18)).padStart(2, '0')}T09:30:00+0200`,
    from_name: 'Ann Sender',
    from_names: ['Ann Sender'],
    gdpr_unsubscribe: false,
    folder_name: 'Outbound',
    folder_id: 0,
    from_email: 'ann@sender.test',
    from_emails: ['ann@sender.test'],
    per_day: 50,
    bcc: '',
    cc: '',
    error: '',
    ...overrides,
  };
}

export const WIRE_STATS = {
  interested: 3,
  not_interested: 1,
  maybe_later: 2,
  replied: 9,
  autoreplied: 4,
  bounced: 5,
  check: 0,
  clicked: 11,
  delivery: 120,
  invalid: 6,
  opened: 70,
  prospects: 130,
  queue: 10,
  sent: 125,
  optout: 7,
  emails: [{ subject: 'Hi', msg: '<div>Hello</div>', step: 1, delivery: 120, open: 70, reply: 9, open_: '58%' }],
  timestamp: '2024-03-20T10:00:00+0000',
};

export function wireProspect(id: number, email: string, campaignIds: number[] = [], overrides: Record<string, unknown> = {}) {
  return {
    id,
    email,
    first_name: 'Jane',
    last_name: 'Doe',
    company: 'Acme',
    organization_id: 7,
    industry: 'Software',
    website: 'https://acme.test',
    linkedin_url: 'https://linkedin.com/in/jane',
    tags: '#VC #SECONDARYEMAIL',
    title: 'CTO',
    phone: '+48 123',
    address: '',
    city: 'Warsaw',
    state: '',
    country: 'Poland',
    last_contacted: '2024-03-01T08:00:00+0100',
    last_replied: null,
    updated: '2024-03-02T08:00:00+0100',
    encrypted: false,
    snippet1: 'Subject',
    status: 'ACTIVE',
    campaigns_details: campaignIds.map((c) => ({
      campaign_id: c,
      campaign_name: `Campaign ${c}`,
      campaign_status: 'RUNNING',
      campaign_prospect_status: 'ACTIVE',
      interested: 'NOT-MARKED',
      campaign_email: 'ann@sender.test',
    })),
    ...overrides,
  };
}
