import { jsonReply, preserialisedJsonReply } from '../../shared/http';
import { v1Error } from '../errors';
import { CAMPAIGN_STATUSES } from '../records';
import { campaignWithStats } from '../wire';
import { type RouteHandler, noContent, parseIdList, parseList } from './context';

/** DELETED is a documented filter value; the simulator has no deleted campaigns, so it matches nothing. */
const STATUS_FILTERS = new Set<string>([...CAMPAIGN_STATUSES, 'DELETED']);

/**
 * GET /v1/campaign_list[?status=A,B][&id=1,2]. Exactly one id answers an array of one campaign with live
 * stats (or E_RECORD_NOT_FOUND); otherwise the matching list items, 204 when there are none.
 */
export const campaignList: RouteHandler = ({ store, wire, options, params }) => {
  const rawStatus = params.get('status');
  const rawIds = params.get('id');
  const asObject = options.campaignListAsObject;
  if (!rawStatus && !rawIds) {
    const body = wire.allCampaigns(asObject);
    return body ? preserialisedJsonReply(200, body) : noContent();
  }

  const statuses = rawStatus ? parseList(rawStatus).map((s) => s.toUpperCase()) : undefined;
  const unknown = statuses?.find((s) => !STATUS_FILTERS.has(s));
  if (unknown !== undefined) return v1Error('E_WRONG_PARAM', `Wrong param [status]=${unknown}`);
  const ids = rawIds ? parseIdList(rawIds) : undefined;
  if (rawIds && !ids) return v1Error('E_WRONG_PARAM', `Wrong param [id]=${rawIds}`);

  if (ids?.length === 1) {
    const campaign = store.campaign(ids[0]!);
    if (!campaign) return v1Error('E_RECORD_NOT_FOUND', 'Campaign not found');
    if (statuses && !statuses.includes(campaign.status)) return noContent();
    const item = campaignWithStats(campaign, store);
    return jsonReply(200, asObject ? { [campaign.id]: item } : [item]);
  }

  const wanted = ids && new Set(ids);
  const items = [...store.campaigns()].filter(
    (c) => (!wanted || wanted.has(c.id)) && (!statuses || statuses.includes(c.status)),
  );
  const body = wire.campaigns(items, asObject);
  return body ? preserialisedJsonReply(200, body) : noContent();
};
