import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';

/**
 * Refusals at the protocol level get a 400, like every other request-level error:
 * - a subscription: the schema has no Subscription type and graphql-js 16 only notices at execution, which
 *   would surface as a masked 500-style error;
 * - a persisted-query miss, which Apollo answers with 200 (the design keeps all request-level codes at 400;
 *   persisted-query links read the code from either).
 */
export function protocolRefusalsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          // Unresolved (unknown operationName): Apollo reports that itself after this hook.
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not supported by this API.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = response.body.singleResult.errors?.map((e) => e.extensions?.code) ?? [];
          if (codes.includes('PERSISTED_QUERY_NOT_FOUND')) response.http.status = 400;
        },
      };
    },
  };
}
