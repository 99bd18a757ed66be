import type { Server } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Config } from '../config';
import { httpDrainMs } from '../lifecycle/shutdown';
import { logger } from '../logging/logger';
import type { OperationMetrics } from '../metrics/operation-metrics';
import type { GraphQLContext } from './context';
import { formatError } from './format-error';
import { operationMetricsPlugin } from './plugins/operation-metrics';
import { protocolRefusalsPlugin } from './plugins/protocol-refusals';
import { requestLoggingPlugin } from './plugins/request-logging';
import { retryAfterPlugin } from './plugins/retry-after';
import { tracingPlugin } from './plugins/tracing';
import type { RequestRules } from './request-rules';

export interface ApolloOptions {
  config: Config;
  /** The schema, limits and manifest the stream route shares. */
  rules: RequestRules;
  /** Operation counts and latency for /metrics; none when absent. */
  operationMetrics?: OperationMetrics;
  /** Drained on shutdown (SHUTDOWN_GRACE_MS) so in-flight operations finish before the process exits. */
  httpServer?: Server;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
  /** How a single result becomes the response body; Apollo's own (JSON and a newline) when absent. */
  stringifyResult?: (value: FormattedExecutionResult) => string;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const { config, httpServer, rules } = options;
  const { persisted } = rules;
  const plugins: ApolloServerPlugin<GraphQLContext>[] = [
    persisted.plugin,
    protocolRefusalsPlugin(),
    retryAfterPlugin(),
    // After the plugins that set the response's status: the access line reports what the client got.
    requestLoggingPlugin(),
    tracingPlugin(),
    ...(options.operationMetrics ? [operationMetricsPlugin(options.operationMetrics)] : []),
    ...(options.plugins ?? []),
    ...rules.apolloPlugins,
    ApolloServerPluginUsageReportingDisabled(),
    config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
  ];
  // Without stopGracePeriodMillis the plugin destroys every socket after 10 s, whatever the configured grace.
  const stopGracePeriodMillis = httpDrainMs(config.server.shutdownGraceMs);
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis }));
  return new ApolloServer<GraphQLContext>({
    schema: rules.schema,
    plugins,
    validationRules: rules.validationRules,
    parseOptions: rules.parseOptions,
    formatError,
    ...(options.stringifyResult ? { stringifyResult: options.stringifyResult } : {}),
    // Apollo's own warnings go through the redacting logger, as JSON in production, not to the console.
    logger: logger.child({ component: 'apollo' }),
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: persisted.cache },
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT and the drain order. Apollo's own handler (installed outside NODE_ENV=test)
    // would stop the server first, and a second stop() waits on a barrier Apollo never resolves after a
    // successful stop, so our shutdown never finished and the process exited 1 on its forced-exit timer.
    stopOnTerminationSignals: false,
  });
}
