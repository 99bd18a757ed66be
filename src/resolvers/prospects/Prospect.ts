import type { ProspectResolvers } from '../../generated/resolvers-types';
import type { CampaignModel } from '../../datasources/woodpecker/models';

export const Prospect: ProspectResolvers = {
  campaigns: async (prospect, _, { dataSources }) => {
    const campaigns = await dataSources.woodpecker.campaignById.loadMany(prospect.campaignIds);
    const failure = campaigns.find((c): c is Error => c instanceof Error);
    if (failure) throw failure;
    // A campaign deleted since the prospect was enrolled resolves to null and is left out.
    return campaigns.filter((c): c is CampaignModel => c !== null);
  },
};
