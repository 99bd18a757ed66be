import type { MutationResolvers } from '../../generated/resolvers-types';
import { validateExportInput } from '../../validation/export-input';

export const Mutation: Pick<MutationResolvers, 'addProspectsToCampaign'> = {
  addProspectsToCampaign: (_, { input }, { dataSources, config }) =>
    dataSources.woodpecker.addProspects(validateExportInput(input, config.woodpecker)),
};
