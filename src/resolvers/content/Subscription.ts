import type { SubscriptionResolvers } from '../../generated/resolvers-types';
import { generationEventStream } from '../../graphql/stream/generation-event-stream';
import { generationRequest } from './generation-request';

/** Its per-client limit is charged once, when it subscribes (see the `@rateLimit` directive's subscription rule). */
export const Subscription: Pick<SubscriptionResolvers, 'generateContentStream'> = {
  generateContentStream: {
    subscribe: async (_, { input }, context) =>
      generationEventStream(context.dataSources.claude.generateStream(await generationRequest(input, context))),
  },
};
