import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationMetrics } from '../../metrics/operation-metrics';
import type { GraphQLContext } from '../context';
import { errorCodes, outcomeLabel, rootFieldLabel } from './operation-facts';

/** Feeds `bff_graphql_request_duration_seconds`: every operation, by root field(s) and outcome. */
export function operationMetricsPlugin(metrics: OperationMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ response, operation, document }) {
          const seconds = (performance.now() - startedAt) / 1000;
          metrics.observe(rootFieldLabel(operation, document), outcomeLabel(errorCodes(response)), seconds);
        },
      };
    },
  };
}
