import type { QueryResolvers } from '../../generated/resolvers-types';
import { parseCampaignId } from '../../validation/campaign-id';
import { validateEmailList } from '../../validation/email-list';

export const Query: Pick<QueryResolvers, 'prospects' | 'duplicateEmails'> = {
  prospects: (_, { filter, page, perPage }, { dataSources }) =>
    dataSources.woodpecker.listProspects(
      {
        campaignId: filter?.campaignId ? parseCampaignId(filter.campaignId, 'filter.campaignId') : undefined,
        status: filter?.status ?? undefined,
        email: filter?.email?.trim() || undefined,
        search: filter?.search?.trim() || undefined,
      },
      page ?? 1,
      perPage ?? 100,
    ),
  duplicateEmails: (_, { campaignId, emails }, { dataSources, config }) =>
    dataSources.woodpecker.duplicateEmails(
      parseCampaignId(campaignId, 'campaignId'),
      validateEmailList(emails, config.woodpecker.maxProspectsPerExport, 'emails'),
    ),
};
