import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestContext, type RequestContext } from '../../logging/request-context';
import { logger } from '../../logging/logger';
import type { GraphQLContext } from '../context';
import { errorCodes, outcomeText, rootFieldLabel } from './operation-facts';

const log = logger.child({ component: 'access' });

/** What one operation's access line says, whichever route ran it. */
export interface OperationLine {
  operation: string | null;
  operationType: string | null;
  rootFields: string;
  callerKind: string;
  durationMs: number;
  /** `ok`, the error codes, or (a stream) `cancelled`. */
  outcome: string;
  httpStatus: number;
}

/**
 * Writes the access line of one GraphQL operation, with what it cost upstream (calls, retries, queue wait, tokens,
 * summed by the data-source layer into the request context), and marks the context so the HTTP layer does not
 * write a second line. The ids are explicit: a stream's line is written when its connection closes, which may be
 * outside the request's async context.
 */
export function logOperation(line: OperationLine & Record<string, unknown>, ctx: RequestContext | undefined): void {
  if (ctx) ctx.accessLogged = true;
  log.info('graphql operation', {
    requestId: ctx?.requestId,
    caller: ctx?.caller,
    ...line,
    durationMs: Math.round(line.durationMs * 100) / 100,
    ...ctx?.stats,
  });
}

/** One access line per GraphQL operation on /graphql: who, what, how long, the outcome, and its upstream cost. */
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
          logOperation(
            {
              operation: operation?.name?.value ?? request.operationName ?? null,
              operationType: operation?.operation ?? null,
              rootFields: rootFieldLabel(operation, document),
              callerKind: contextValue.caller.kind,
              durationMs: performance.now() - startedAt,
              outcome: outcomeText(errorCodes(response)),
              httpStatus: response.http.status ?? 200,
            },
            currentRequestContext(),
          );
        },
      };
    },
  };
}
