import type { MutationResolvers } from '../../generated/resolvers-types';
import { generationRequest } from './generation-request';

export const Mutation: Pick<MutationResolvers, 'generateContent'> = {
  generateContent: async (_, { input }, context) => context.dataSources.claude.generate(await generationRequest(input, context)),
};
