import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestContext } from '../../logging/request-context';
import { logger } from '../../logging/logger';
import type { GraphQLContext } from '../context';
import { errorCodes, outcomeText, rootFieldLabel } from './operation-facts';

const log = logger.child({ component: 'access' });

/**
 * One access line per GraphQL operation: who, what, how long, the outcome, and what it cost upstream
 * (calls, retries, queue wait, tokens, summed by the data-source layer into the request context). The
 * request id and caller come from the request context, like on every other line.
 */
export function requestLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      const startedAt = performance.now();
      return {
        async didResolveOperation({ operationName }) {
          // From here on, every line this operation writes (down to the upstream gate) names it.
          const ctx = currentRequestContext();
          if (ctx && operationName) ctx.operationName = operationName;
        },
        async willSendResponse({ response, operation, document, contextValue }) {
          const ctx = currentRequestContext();
          if (ctx) ctx.accessLogged = true;
          log.info('graphql operation', {
            operation: operation?.name?.value ?? request.operationName ?? null,
            operationType: operation?.operation ?? null,
            rootFields: rootFieldLabel(operation, document),
            callerKind: contextValue.caller.kind,
            durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
            outcome: outcomeText(errorCodes(response)),
            httpStatus: response.http.status ?? 200,
            ...ctx?.stats,
          });
        },
      };
    },
  };
}
