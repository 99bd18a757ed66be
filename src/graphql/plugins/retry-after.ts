import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/**
 * `retry-after` on a response whose errors say when a retry can succeed: the longest of their
 * `retryAfterSeconds`, so what the GraphQL errors tell the app is also what HTTP-level clients and proxies see
 * (the CORS policy exposes the header to the browser app).
 */
export function retryAfterPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const hints = (response.body.singleResult.errors ?? [])
            .map((error) => error.extensions?.retryAfterSeconds)
            .filter((seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0);
          if (hints.length > 0) response.http.headers.set('retry-after', String(Math.ceil(Math.max(...hints))));
        },
      };
    },
  };
}
