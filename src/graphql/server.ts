import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config';
import { httpDrainMs } from '../lifecycle/shutdown';
import persistedDocuments from '../generated/operations/persisted-documents.json';
import { logger } from '../logging/logger';
import type { OperationMetrics } from '../metrics/operation-metrics';
import type { GraphQLContext } from './context';
import type { RateLimitEvents, RateLimitStore } from './directives/rate-limit';
import { woodpeckerCallLimit } from './directives/woodpecker-call-limit';
import { formatError } from './format-error';
import { operationMetricsPlugin } from './plugins/operation-metrics';
import { persistedOperations } from './plugins/persisted-operations';
import { protocolRefusalsPlugin } from './plugins/protocol-refusals';
import { requestLoggingPlugin } from './plugins/request-logging';
import { retryAfterPlugin } from './plugins/retry-after';
import { tracingPlugin } from './plugins/tracing';
import { buildSchema } from './schema';

export interface ApolloOptions {
  config: Config;
  rateLimitStore: RateLimitStore;
  rateLimitEvents?: RateLimitEvents;
  /** Operation counts and latency for /metrics; none when absent. */
  operationMetrics?: OperationMetrics;
  /** Drained on shutdown (SHUTDOWN_GRACE_MS) so in-flight operations finish before the process exits. */
  httpServer?: Server;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
}

/**
 * Query-shape limits run as validation rules, before any resolver. Armor's own token limit re-parses inside
 * a hook and turns syntax errors into 500s, so the token limit is Apollo's parser option instead.
 */
function armor(config: Config) {
  const { maxDepth, maxAliases, maxDirectives, maxCost } = config.queryLimits;
  return new ApolloArmor({
    maxDepth: { n: maxDepth, ignoreIntrospection: true },
    maxAliases: { n: maxAliases },
    maxDirectives: { n: maxDirectives },
    costLimit: { maxCost, ignoreIntrospection: true },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
}

export function createApolloServer(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const { config, httpServer } = options;
  const protection = armor(config);
  // The app's manifest; the reference web app's codegen writes the same file for its own operations.
  const persisted = persistedOperations(persistedDocuments, { safelist: config.persistedOperationsOnly });
  const plugins: ApolloServerPlugin<GraphQLContext>[] = [
    persisted.plugin,
    protocolRefusalsPlugin(),
    retryAfterPlugin(),
    // After the plugins that set the response's status: the access line reports what the client got.
    requestLoggingPlugin(),
    tracingPlugin(),
    ...(options.operationMetrics ? [operationMetricsPlugin(options.operationMetrics)] : []),
    ...(options.plugins ?? []),
    ...protection.plugins,
    ApolloServerPluginUsageReportingDisabled(),
    config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
  ];
  // Without stopGracePeriodMillis the plugin destroys every socket after 10 s, whatever the configured grace.
  const stopGracePeriodMillis = httpDrainMs(config.server.shutdownGraceMs);
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis }));
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema({ rateLimits: config.rateLimits, rateLimitStore: options.rateLimitStore, rateLimitEvents: options.rateLimitEvents }),
    plugins,
    validationRules: [...protection.validationRules, woodpeckerCallLimit(config.rateLimits.woodpeckerCalls)],
    parseOptions: { maxTokens: config.queryLimits.maxTokens },
    formatError,
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
