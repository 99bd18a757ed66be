import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestContext } from '../../logging/request-context';
import { logger } from '../../logging/logger';
import type { GraphQLContext } from '../context';

const log = logger.child({ component: 'access' });

/**
 * One access line per GraphQL operation: who, what, how long, the outcome, and what it cost upstream
 * (calls, retries, queue wait, tokens, summed by the data-source layer into the request context).
 */
export function requestLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      const startedAt = performance.now();
      return {
        async didResolveOperation({ operationName }) {
          const ctx = currentRequestContext();
          if (ctx && operationName) ctx.operationName = operationName;
        },
        async willSendResponse({ response, operation }) {
          const stats = currentRequestContext()?.stats;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code)))];
          log.info('graphql operation', {
            operation: operation?.name?.value ?? request.operationName ?? null,
            operationType: operation?.operation ?? null,
            durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
            outcome: codes.length === 0 ? 'ok' : codes.join(','),
            httpStatus: response.http.status ?? 200,
            ...stats,
          });
        },
      };
    },
  };
}
