import type { MutationResolvers } from '../../generated/resolvers-types';
import { validateGenerateInput } from '../../validation/generate-input';

export const Mutation: Pick<MutationResolvers, 'generateContent'> = {
  generateContent: (_, { input }, { dataSources, config }) =>
    dataSources.claude.generate(validateGenerateInput(input, config.claude)),
};
