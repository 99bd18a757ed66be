import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentRequestContext } from '../../logging/request-context';
import { bffTracer, rememberOperationContext } from '../../tracing/tracer';
import type { GraphQLContext } from '../context';
import { errorCodes, outcomeText, rootFieldLabel } from './operation-facts';

/**
 * A span per GraphQL operation, `graphql.<type> <root field(s)>` (`graphql.mutation generateContent`), parent of
 * the upstream attempt spans. Without a registered SDK the span does not record and the request gets no hooks.
 */
export function tracingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const span = bffTracer().startSpan('graphql.request');
      if (!span.isRecording()) return;
      const requestContext = currentRequestContext();
      if (requestContext) rememberOperationContext(requestContext, trace.setSpan(context.active(), span));
      span.setAttributes({ 'bff.request_id': contextValue.requestId, 'bff.caller.kind': contextValue.caller.kind });
      return {
        async didResolveOperation({ operation, document, operationName }) {
          if (!operation) return;
          span.updateName(`graphql.${operation.operation} ${rootFieldLabel(operation, document)}`);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async willSendResponse({ response }) {
          const outcome = outcomeText(errorCodes(response));
          span.setAttribute('bff.outcome', outcome);
          if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
          span.end();
        },
      };
    },
  };
}
