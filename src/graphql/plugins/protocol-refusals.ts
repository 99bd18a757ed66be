import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';

/**
 * Refusals at the protocol level get a 400, like every other request-level error:
 * - a subscription: Apollo Server has no subscription transport (graphql-js would fail it at execution as a masked
 *   500-style error); the answer points to the route that streams it;
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
            throw new GraphQLError('Subscriptions are not served on /graphql: send them to /graphql/stream (the graphql-sse protocol).', {
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
