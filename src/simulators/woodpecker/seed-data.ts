import { type Rng, intBetween, pick, seededRng } from '../shared/rng';
import {
  type CampaignRecord,
  type CampaignStep,
  type Enrolment,
  type Interest,
  type ProspectRecord,
  type ProspectStatus,
  prospectRecord,
} from './records';
import {
  CAMPAIGN_REGIONS,
  CAMPAIGN_SEGMENTS,
  COMPANIES,
  CURATED_CAMPAIGNS,
  type CampaignSeed,
  FIRST_NAMES,
  GENERATED_STATUSES,
  LAST_NAMES,
  OPENING_LINES,
  SENDERS,
  TAG_SETS,
  TITLES,
} from './seed-vocabulary';
import { v1Timestamp } from './timestamps';

export interface SeedCounts {
  campaignCount: number;
  prospectCount: number;
}

export interface SeedData {
  campaigns: CampaignRecord[];
  prospects: ProspectRecord[];
  enrolments: Enrolment[];
}

const DAY_MS = 86_400_000;
/** Monday 6 January 2025, 08:00 UTC: the account's first day. */
const ACCOUNT_START = Date.UTC(2025, 0, 6, 8, 0);

/** Every n-th prospect gets a non-ACTIVE status, so each status shows up a handful of times in 300. */
const SPECIAL_STATUSES: ReadonlyArray<readonly [number, number, ProspectStatus]> = [
  [50, 7, 'BLACKLIST'],
  [50, 13, 'BOUNCED'],
  [75, 21, 'INVALID'],
  [40, 3, 'REPLIED'],
  [100, 33, 'AUTOREPLIED'],
  [150, 44, 'TO-CHECK'],
];

function statusAt(index: number): ProspectStatus {
  return SPECIAL_STATUSES.find(([every, offset]) => index % every === offset)?.[2] ?? 'ACTIVE';
}

function steps(campaign: CampaignSeed): CampaignStep[] {
  return [
    {
      subject: '{{FIRST_NAME}}, quick question about {{COMPANY}}',
      msg:
        '<div>Hi {{FIRST_NAME}},</div><div><br></div><div>{{SNIPPET_1}}</div><div><br></div>' +
        `<div>I am reaching out about ${campaign.name.toLowerCase()}.</div>`,
      followUpDays: 0,
    },
    { subject: '', msg: '<div>Just bumping this up, {{FIRST_NAME}}.</div>', followUpDays: 4 },
    { subject: '', msg: '<div>Last note from me, {{FIRST_NAME}}: shall I close the file?</div>', followUpDays: 7 },
  ];
}

function campaignSeeds(rng: Rng, count: number): CampaignSeed[] {
  const seeds = CURATED_CAMPAIGNS.slice(0, count);
  for (let n = seeds.length; n < count; n++) {
    seeds.push({
      name: `${pick(rng, CAMPAIGN_SEGMENTS)} – ${pick(rng, CAMPAIGN_REGIONS)} #${n + 1}`,
      status: pick(rng, GENERATED_STATUSES),
      folder: pick(rng, ['Founders', 'Investors', 'Partners', 'Finance', '']),
    });
  }
  return seeds;
}

function generateCampaigns(rng: Rng, count: number): CampaignRecord[] {
  let id = 1_180_000 + intBetween(rng, 0, 9_999);
  const folderIds = new Map<string, number>();
  return campaignSeeds(rng, count).map((seed, index) => {
    id += intBetween(rng, 1, 40);
    const sender = pick(rng, SENDERS);
    if (seed.folder && !folderIds.has(seed.folder)) folderIds.set(seed.folder, 5_100 + folderIds.size * 7);
    return {
      id,
      name: seed.name,
      status: seed.status,
      created: v1Timestamp(ACCOUNT_START + index * 3 * DAY_MS + intBetween(rng, 0, 36_000) * 1000),
      from_name: sender.name,
      from_email: sender.email,
      folder_name: seed.folder,
      folder_id: seed.folder ? (folderIds.get(seed.folder) ?? 0) : 0,
      per_day: pick(rng, [30, 50, 80, 100, 150]),
      bcc: '',
      cc: '',
      gdpr_unsubscribe: rng() < 0.7,
      timezone: 'Europe/Warsaw',
      email_account_id: 70_000 + SENDERS.indexOf(sender),
      steps: steps(seed),
    };
  });
}

function generateProspects(rng: Rng, count: number): ProspectRecord[] {
  let id = 48_200_000 + intBetween(rng, 0, 99_999);
  const usedEmails = new Set<string>();
  const prospects: ProspectRecord[] = [];
  for (let index = 0; index < count; index++) {
    id += intBetween(rng, 1, 5);
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const companyIndex = intBetween(rng, 0, COMPANIES.length - 1);
    const company = COMPANIES[companyIndex]!;
    const local = `${first}.${last}`.toLowerCase();
    let email = `${local}@${company.domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${company.domain}`;
    usedEmails.add(email);
    const status = statusAt(index);
    const updated = ACCOUNT_START + intBetween(rng, 0, 150) * DAY_MS + intBetween(rng, 0, 36_000) * 1000;
    prospects.push(
      prospectRecord({
        id,
        email,
        first_name: first,
        last_name: last,
        company: company.name,
        organization_id: 900_000 + companyIndex,
        industry: company.industry,
        website: `https://www.${company.domain}`,
        linkedin_url: `https://www.linkedin.com/in/${local.replace('.', '-')}-${(id % 4096).toString(16)}`,
        tags: pick(rng, TAG_SETS),
        title: pick(rng, TITLES),
        phone: rng() < 0.5 ? `+1 555 01${String(intBetween(rng, 0, 99)).padStart(2, '0')}` : '',
        city: company.city,
        state: company.state,
        country: company.country,
        last_replied: status === 'REPLIED' ? v1Timestamp(updated) : '',
        updated: v1Timestamp(updated),
        snippet1: rng() < 0.4 ? pick(rng, OPENING_LINES) : '',
        status,
      }),
    );
  }
  return prospects;
}

function interestOf(rng: Rng, status: ProspectStatus): Interest {
  return status === 'REPLIED' ? pick(rng, ['INTERESTED', 'NOT-INTERESTED', 'MAYBE-LATER'] as const) : 'NOT-MARKED';
}

/**
 * Spreads prospects over every campaign but the curated empty draft: ~8% in none, ~15% in two. Activity
 * (emails sent, opens, clicks) is what the campaign stats are computed from.
 */
function generateEnrolments(rng: Rng, campaigns: CampaignRecord[], prospects: ProspectRecord[]): Enrolment[] {
  const emptyDraft = CURATED_CAMPAIGNS[CURATED_CAMPAIGNS.length - 1]!.name;
  const targets = campaigns.filter((c) => c.name !== emptyDraft);
  if (targets.length === 0) return [];
  const enrolments: Enrolment[] = [];
  const enrol = (campaign: CampaignRecord, prospect: ProspectRecord) => {
    const started = campaign.status !== 'DRAFT';
    const sent = started ? intBetween(rng, prospect.status === 'REPLIED' ? 1 : 0, campaign.steps.length) : 0;
    const opened = sent > 0 && rng() < 0.45;
    enrolments.push({
      campaignId: campaign.id,
      prospectId: prospect.id,
      status: prospect.status,
      interested: interestOf(rng, prospect.status),
      sent,
      opened,
      clicked: opened && rng() < 0.2,
    });
    if (sent > 0) prospect.last_contacted = prospect.updated;
  };
  prospects.forEach((prospect, index) => {
    if (rng() < 0.08) return;
    const primary = index % targets.length;
    enrol(targets[primary]!, prospect);
    if (targets.length > 1 && rng() < 0.15) {
      enrol(targets[(primary + intBetween(rng, 1, targets.length - 1)) % targets.length]!, prospect);
    }
  });
  return enrolments;
}

/** The whole account, a pure function of the seed and the counts. */
export function generateSeedData(seed: number, counts: SeedCounts): SeedData {
  const rng = seededRng(seed, 'woodpecker-data');
  const campaigns = generateCampaigns(rng, counts.campaignCount);
  const prospects = generateProspects(rng, counts.prospectCount);
  return { campaigns, prospects, enrolments: generateEnrolments(rng, campaigns, prospects) };
}
