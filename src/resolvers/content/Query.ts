import type { QueryResolvers } from '../../generated/resolvers-types';
import { generationRequest } from './generation-request';

export const Query: Pick<QueryResolvers, 'contentModels' | 'estimateGeneration'> = {
  contentModels: (_, __, { config }) =>
    [config.claude.defaultModel, ...config.claude.allowedModels.filter((m) => m !== config.claude.defaultModel)].map((id) => ({
      id,
      isDefault: id === config.claude.defaultModel,
    })),
  estimateGeneration: async (_, { input }, context) => context.dataSources.claude.estimate(await generationRequest(input, context)),
};
