import type { MutationResolvers } from '../../generated/resolvers-types';

export const Mutation: Pick<MutationResolvers, 'deleteAttachment'> = {
  deleteAttachment: (_, { id }, { attachments }) => attachments.delete(id),
};
