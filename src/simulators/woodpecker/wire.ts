import type { CampaignRecord, CampaignStep, Enrolment, ProspectRecord } from './records';
import type { WoodpeckerStore } from './store';

/** Documented-but-odd response variants a client should survive; all off by default. */
export interface WireQuirks {
  campaignListAsObject: boolean;
  lastRepliedWithSpace: boolean;
  legacySnipetFields: boolean;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A v1 campaign_list item (§1.4). */
export function campaignListItem(campaign: CampaignRecord): Record<string, unknown> {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    created: campaign.created,
    from_name: campaign.from_name,
    from_names: [campaign.from_name],
    gdpr_unsubscribe: campaign.gdpr_unsubscribe,
    folder_name: campaign.folder_name,
    folder_id: campaign.folder_id,
    from_email: campaign.from_email,
    from_emails: [campaign.from_email],
    per_day: campaign.per_day,
    bcc: campaign.bcc,
    cc: campaign.cc,
    error: '',
  };
}

const percent = (part: number, whole: number) => (whole === 0 ? '0.00' : ((part / whole) * 100).toFixed(2));

/** One step of the single-campaign stats; opens, replies and bounces count against the last email a prospect got. */
function stepStats(campaign: CampaignRecord, step: CampaignStep, number: number, enrolments: Enrolment[]) {
  const reached = enrolments.filter((e) => e.sent >= number);
  const lastHere = reached.filter((e) => e.sent === number);
  const open = lastHere.filter((e) => e.opened).length;
  const reply = lastHere.filter((e) => e.status === 'REPLIED').length;
  const bounce = lastHere.filter((e) => e.status === 'BOUNCED').length;
  const invalid = lastHere.filter((e) => e.status === 'INVALID').length;
  const days: Record<string, unknown> = {};
  WEEKDAYS.forEach((day, index) => {
    const working = index < 5;
    days[`${day}From`] = working ? 480 : 0;
    days[`${day}To`] = working ? 1020 : 0;
    days[WEEKDAY_NAMES[index]!] = working ? [{ from: '08:00', to: '17:00' }] : [];
  });
  return {
    subject: step.subject,
    msg: step.msg,
    timezone: campaign.timezone,
    use_prospect_timezone: 'false',
    ...days,
    track_open: true,
    track_click: false,
    attach_follow: number > 1,
    follow_up: step.followUpDays,
    condition: number > 1 ? 'NO_REPLY' : '',
    number,
    step: number,
    emailSend: reached.length,
    toSend: enrolments.filter((e) => e.status === 'ACTIVE' && e.sent === number - 1 && campaign.status === 'RUNNING').length,
    delivery: reached.length - bounce,
    open,
    reply,
    invalid,
    bounce,
    open_: percent(open, reached.length),
    reply_: percent(reply, reached.length),
    invalid_: percent(invalid, reached.length),
    bounce_: percent(bounce, reached.length),
  };
}

/** The single-id campaign_list item: the list fields plus live `stats` (with per-step `emails[]`, as R1 nests it). */
export function campaignWithStats(campaign: CampaignRecord, store: WoodpeckerStore): Record<string, unknown> {
  const enrolments = [...store.enrolmentsIn(campaign.id)];
  const count = (test: (e: Enrolment) => boolean) => enrolments.filter(test).length;
  const sent = enrolments.reduce((sum, e) => sum + e.sent, 0);
  const bounced = count((e) => e.status === 'BOUNCED');
  return {
    ...campaignListItem(campaign),
    stats: {
      interested: count((e) => e.interested === 'INTERESTED'),
      not_interested: count((e) => e.interested === 'NOT-INTERESTED'),
      maybe_later: count((e) => e.interested === 'MAYBE-LATER'),
      replied: count((e) => e.status === 'REPLIED'),
      autoreplied: count((e) => e.status === 'AUTOREPLIED'),
      bounced,
      check: count((e) => e.status === 'TO-CHECK'),
      clicked: count((e) => e.clicked),
      delivery: sent - bounced,
      invalid: count((e) => e.status === 'INVALID'),
      opened: count((e) => e.opened),
      prospects: enrolments.length,
      queue: count((e) => e.status === 'ACTIVE' && e.sent < campaign.steps.length && campaign.status === 'RUNNING'),
      sent,
      optout: count((e) => e.status === 'BLACKLIST'),
      emails: campaign.steps.map((step, index) => stepStats(campaign, step, index + 1, enrolments)),
    },
  };
}

function withQuirks(prospect: ProspectRecord, quirks: WireQuirks): Record<string, unknown> {
  const { last_replied: lastReplied, ...rest } = prospect;
  const wire: Record<string, unknown> = quirks.lastRepliedWithSpace ? { ...rest, 'last replied': lastReplied } : { ...prospect };
  if (quirks.legacySnipetFields) {
    for (const n of [1, 2, 3, 4] as const) wire[`snipet${n}`] = prospect[`snippet${n}`];
  }
  return wire;
}

export interface CampaignDetail {
  campaign_id: number;
  campaign_name: string;
  campaign_status: string;
  campaign_prospect_status: string;
  interested: string;
  campaign_email: string;
}

/**
 * Serialises prospects and campaign lists, caching what does not change between requests: each prospect's
 * JSON (keyed by record identity, which the store replaces on update) and the unfiltered campaign list.
 */
export class WireFormat {
  private readonly prospectJson = new WeakMap<ProspectRecord, string>();
  private campaignList: { version: number; asObject: boolean; body: string | undefined } | undefined;

  constructor(private readonly store: WoodpeckerStore) {}

  prospect(prospect: ProspectRecord, quirks: WireQuirks, details?: CampaignDetail[]): string {
    const quirky = quirks.lastRepliedWithSpace || quirks.legacySnipetFields;
    let json = quirky ? JSON.stringify(withQuirks(prospect, quirks)) : this.prospectJson.get(prospect);
    if (json === undefined) {
      json = JSON.stringify(prospect);
      this.prospectJson.set(prospect, json);
    }
    return details ? `${json.slice(0, -1)},"campaigns_details":${JSON.stringify(details)}}` : json;
  }

  campaignDetails(prospect: ProspectRecord): CampaignDetail[] {
    return this.store.enrolmentsOf(prospect.id).map((enrolment) => {
      const campaign = this.store.campaign(enrolment.campaignId)!;
      return {
        campaign_id: campaign.id,
        campaign_name: campaign.name,
        campaign_status: campaign.status,
        campaign_prospect_status: enrolment.status,
        interested: enrolment.interested,
        campaign_email: campaign.from_email,
      };
    });
  }

  /** A campaign list body (an array, or an object keyed by id in that quirk mode); undefined when empty. */
  campaigns(items: CampaignRecord[], asObject: boolean): string | undefined {
    if (items.length === 0) return undefined;
    if (!asObject) return JSON.stringify(items.map(campaignListItem));
    return JSON.stringify(Object.fromEntries(items.map((c) => [String(c.id), campaignListItem(c)])));
  }

  /** The unfiltered list, the benchmark's hot read, serialised once per store version. */
  allCampaigns(asObject: boolean): string | undefined {
    const cached = this.campaignList;
    if (cached && cached.version === this.store.version && cached.asObject === asObject) return cached.body;
    const body = this.campaigns([...this.store.campaigns()], asObject);
    this.campaignList = { version: this.store.version, asObject, body };
    return body;
  }
}
