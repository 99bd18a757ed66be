import { jsonReply } from '../../shared/http';
import { v2Error } from '../errors';
import type { CampaignRecord, CampaignStatus } from '../records';
import type { RouteHandler } from './context';

export const CAMPAIGN_ACTIONS = ['run', 'pause', 'stop'] as const;
type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/** DRAFT → RUNNING ⇄ PAUSED / STOPPED; COMPLETED is terminal (§3.1 item 7). */
const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  run: { from: ['DRAFT', 'EDITED', 'PAUSED', 'STOPPED'], to: 'RUNNING' },
  pause: { from: ['RUNNING'], to: 'PAUSED' },
  stop: { from: ['RUNNING', 'PAUSED'], to: 'STOPPED' },
};

const WORKING_HOURS = [{ from: '08:00', to: '17:00' }];
const DELIVERY_TIME = Object.fromEntries(
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day, i) => [day, i < 5 ? WORKING_HOURS : []]),
);

/** Deterministic node ids in UUID form, so the same campaign always prints the same tree. */
function nodeId(campaignId: number, index: number): string {
  return `00000000-0000-4000-8000-${(campaignId * 16 + index).toString(16).padStart(12, '0')}`;
}

/** The v2 step tree: START → EMAIL → EMAIL..., each node's `followup` being the next one. */
function stepTree(campaign: CampaignRecord): Record<string, unknown> {
  let next: Record<string, unknown> | null = null;
  for (let index = campaign.steps.length - 1; index >= 0; index--) {
    const step = campaign.steps[index]!;
    next = {
      id: nodeId(campaign.id, index + 1),
      type: 'EMAIL',
      followup_after: { range: 'DAY', value: step.followUpDays },
      delivery_time: DELIVERY_TIME,
      body: { versions: [{ version: 'A', subject: step.subject, message: step.msg }] },
      followup: next,
    };
  }
  return { id: nodeId(campaign.id, 0), type: 'START', followup: next };
}

function campaignV2Json(campaign: CampaignRecord): Record<string, unknown> {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    email_account_ids: [campaign.email_account_id],
    settings: {
      timezone: campaign.timezone,
      prospect_timezone: false,
      daily_enroll: campaign.per_day,
      gdpr_unsubscribe: campaign.gdpr_unsubscribe,
      list_unsubscribe: true,
      open_disabled_list: [],
      auto_pause_prospect_from_domain: true,
      catch_all_verification_mode: 'NONE',
    },
    steps: stepTree(campaign),
  };
}

/** `/rest/v2/campaigns/{id}[/{action}]` → the id segment, validated as v2 does (400 for non-numeric). */
function campaignIdOf(path: string): number | undefined {
  const segment = path.split('/')[4] ?? '';
  return /^\d+$/.test(segment) ? Number(segment) : undefined;
}

export const getCampaignV2: RouteHandler = ({ store, path }) => {
  const id = campaignIdOf(path);
  if (id === undefined) return v2Error(400, 'Value of campaign_id is incorrect.');
  const campaign = store.campaign(id);
  return campaign ? jsonReply(200, campaignV2Json(campaign)) : v2Error(404, 'Campaign not found.');
};

/** POST /rest/v2/campaigns/{id}/run|pause|stop: 200 with an empty body, 409 for an illegal transition. */
export const campaignV2Action: RouteHandler = ({ store, path }) => {
  const id = campaignIdOf(path);
  if (id === undefined) return v2Error(400, 'Value of campaign_id is incorrect.');
  const campaign = store.campaign(id);
  if (!campaign) return v2Error(404, 'Campaign not found.');
  const action = path.slice(path.lastIndexOf('/') + 1) as CampaignAction;
  const { from, to } = TRANSITIONS[action];
  if (!from.includes(campaign.status)) return v2Error(409, `Campaign in status ${campaign.status} cannot ${action}.`);
  store.setCampaignStatus(id, to);
  return { status: 200, body: '' };
};
