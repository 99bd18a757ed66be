import type { CampaignResolvers } from '../../generated/resolvers-types';

export const Campaign: CampaignResolvers = {
  stats: async (campaign, _, { dataSources }) =>
    campaign.stats ?? (await dataSources.woodpecker.campaignDetails.load(campaign.id))?.stats ?? null,
};
