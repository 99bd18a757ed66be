import type { SubscriptionResolvers } from '../../generated/resolvers-types';
import { generationEngine } from '../../graphql/stream/generation-engine';
import { generationEventStream } from '../../graphql/stream/generation-event-stream';
import { validateGenerateInput } from '../../validation/generate-input';

/** Its per-client limit is charged once, when it subscribes (see the `@rateLimit` directive's subscription rule). */
export const Subscription: Pick<SubscriptionResolvers, 'generateContentStream'> = {
  generateContentStream: {
    subscribe: (_, { input }, context) =>
      generationEventStream(generationEngine(context).generateStream(validateGenerateInput(input, context.config.claude))),
  },
};
