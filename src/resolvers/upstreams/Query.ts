import type { QueryResolvers } from '../../generated/resolvers-types';

export const Query: Pick<QueryResolvers, 'upstreams'> = {
  upstreams: (_, __, { upstreams }) => upstreams().map(({ snapshot }) => snapshot),
};
