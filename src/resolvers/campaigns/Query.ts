import type { QueryResolvers } from '../../generated/resolvers-types';
import { parseCampaignId } from '../../validation/campaign-id';

export const Query: Pick<QueryResolvers, 'campaigns' | 'campaign'> = {
  campaigns: (_, { status, forceRefresh }, { dataSources }) =>
    dataSources.woodpecker.listCampaigns({ status: status ?? undefined, forceRefresh: forceRefresh ?? false }),
  campaign: (_, { id }, { dataSources }) => dataSources.woodpecker.getCampaign(parseCampaignId(id, 'id')),
};
