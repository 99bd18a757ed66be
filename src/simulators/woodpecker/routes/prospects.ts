import { type Reply, preserialisedJsonReply } from '../../shared/http';
import { v1Error } from '../errors';
import type { ProspectRecord } from '../records';
import { type RouteContext, type RouteHandler, noContent, parseIdList } from './context';
import { compareProspects, matchesQuery, parseProspectQuery, type ProspectQuery } from './prospect-query';

/** The prospects the id and campaign filters allow, in id order, before status and search. */
function candidates({ store }: RouteContext, query: ProspectQuery): Iterable<ProspectRecord> {
  let ids: number[] | undefined = query.ids && [...new Set(query.ids)];
  if (query.campaignIds) {
    const members = new Set<number>();
    for (const campaignId of query.campaignIds) {
      for (const enrolment of store.enrolmentsIn(campaignId)) members.add(enrolment.prospectId);
    }
    ids = ids ? ids.filter((id) => members.has(id)) : [...members];
  }
  if (!ids) return store.prospects();
  return ids
    .sort((a, b) => a - b)
    .map((id) => store.prospect(id))
    .filter((p): p is ProspectRecord => p !== undefined);
}

/** GET /v1/prospects: filtered, sorted, paged; X-Total-Count always; 204 with no body for an empty page. */
export const listProspects: RouteHandler = (context) => {
  const query = parseProspectQuery(context.params);
  if ('error' in query) return v1Error('E_WRONG_PARAM', query.error);
  const matched: ProspectRecord[] = [];
  for (const prospect of candidates(context, query)) if (matchesQuery(prospect, query)) matched.push(prospect);
  if (query.sort) matched.sort(compareProspects(query.sort));

  const headers = { 'X-Total-Count': String(matched.length) };
  const start = (query.page - 1) * query.perPage;
  const page = matched.slice(start, start + query.perPage);
  if (page.length === 0) return noContent(headers);
  const { wire, options } = context;
  const items = page.map((p) => wire.prospect(p, options, query.withCampaignDetails ? wire.campaignDetails(p) : undefined));
  return preserialisedJsonReply(200, `[${items.join(',')}]`, headers);
};

/** DELETE /v1/prospects?id=1,2[&campaigns_id=9]: global delete, or only leaving those campaigns. 200, empty. */
export const deleteProspects: RouteHandler = ({ store, params }): Reply => {
  const rawIds = params.get('id');
  if (!rawIds) return v1Error('E_REQUIRED_ELEMENT', 'Missing param [id]');
  const ids = parseIdList(rawIds);
  if (!ids) return v1Error('E_WRONG_PARAM', `Wrong param [id]=${rawIds}`);
  const rawCampaigns = params.get('campaigns_id');
  const campaignIds = rawCampaigns ? parseIdList(rawCampaigns) : undefined;
  if (rawCampaigns && !campaignIds) return v1Error('E_WRONG_PARAM', `Wrong param [campaigns_id]=${rawCampaigns}`);
  store.deleteProspects(ids, campaignIds);
  return { status: 200, body: '' };
};
