import type { QueryResolvers } from '../../generated/resolvers-types';

export const Query: Pick<QueryResolvers, 'contentModels'> = {
  contentModels: (_, __, { config }) =>
    [config.claude.defaultModel, ...config.claude.allowedModels.filter((m) => m !== config.claude.defaultModel)].map((id) => ({
      id,
      isDefault: id === config.claude.defaultModel,
    })),
};
