import type { MutationResolvers } from '../../generated/resolvers-types';
import { validateExportInput } from '../../validation/export-input';

export const Mutation: Pick<MutationResolvers, 'addProspectsToCampaign'> = {
  addProspectsToCampaign: async (_, { input }, { dataSources, config, exportIdempotency }) => {
    const request = await validateExportInput(input, config.woodpecker);
    return exportIdempotency.run(input.idempotencyKey, request, (run) => dataSources.woodpecker.addProspects(request, run));
  },
};
