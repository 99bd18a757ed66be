import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from '../context';

/** The `retry-after` value (whole seconds) for these errors: the longest `retryAfterSeconds` any of them gives. */
export function retryAfterHeader(errors: readonly GraphQLFormattedError[] | undefined): string | undefined {
  const hints = (errors ?? [])
    .map((error) => error.extensions?.retryAfterSeconds)
    .filter((seconds): seconds is number => typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0);
  return hints.length > 0 ? String(Math.ceil(Math.max(...hints))) : undefined;
}

/**
 * `retry-after` on a response whose errors say when a retry can succeed, so what the GraphQL errors tell the app is
 * also what HTTP-level clients and proxies see (the CORS policy exposes the header to the browser app).
 */
export function retryAfterPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const header = retryAfterHeader(response.body.singleResult.errors);
          if (header !== undefined) response.http.headers.set('retry-after', header);
        },
      };
    },
  };
}
