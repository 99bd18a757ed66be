import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Dependencies } from './dependencies';
import { buildContext } from './graphql/build-context';
import { readChargeOf } from './graphql/directives/rate-limit';
import type { Caller } from './auth/caller';
import type { GraphQLContext } from './graphql/context';
import { HotReads } from './graphql/plugins/hot-reads';
import { requestRules } from './graphql/request-rules';
import { createApolloServer } from './graphql/server';
import { streamRoute } from './graphql/stream/stream-route';
import { accessLog } from './http/access-log';
import { attachmentsRoute } from './http/attachments-route';
import { authenticate } from './http/authenticate';
import { clientAbortSignal } from './http/client-abort';
import { corsPolicy } from './http/cors';
import { eventStreamRequests, unbufferedStreamHeaders } from './http/event-stream';
import { healthRoutes } from './http/health';
import { jsonErrors, notFound } from './http/json-errors';
import { metricsRoute } from './http/metrics-route';
import { requestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';

export interface App {
  app: express.Express;
  apollo: ApolloServer<GraphQLContext>;
  /** Replayed campaign-list answers (the hot-read path). */
  hotReads: HotReads;
  /** Makes /readyz fail so a load balancer stops sending traffic before shutdown. */
  markDraining(): void;
}

/** The whole HTTP surface without `listen`: tests drive it in-process, main.ts serves it. */
export async function createApp(deps: Dependencies, options: { httpServer?: Server } = {}): Promise<App> {
  const { config } = deps;
  let draining = false;
  // One schema (and so one set of per-client limiters), limits and manifest for every route that runs operations.
  const rules = requestRules({ config, rateLimitStore: deps.rateLimitStore, rateLimitEvents: deps.metrics.rateLimitEvents });
  const hotReads = new HotReads({
    campaignCache: deps.woodpecker.campaignCache,
    charge: readChargeOf(rules.schema),
    metrics: deps.metrics.operations,
  });
  const apollo = createApolloServer({
    config,
    rules,
    httpServer: options.httpServer,
    operationMetrics: deps.metrics.operations,
    plugins: [hotReads.plugin()],
    stringifyResult: hotReads.stringifyResult,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated with If-None-Match; hashing every body for an ETag is pure cost.
  app.set('etag', false);
  app.set('trust proxy', config.server.trustProxy);
  app.use(requestId());
  app.use(accessLog());
  app.use(securityHeaders(config));
  app.use(healthRoutes(deps.readiness, () => draining));
  app.get('/metrics', metricsRoute(deps.metrics.registry, config.metricsToken));
  const cors = corsPolicy(config);
  const auth = authenticate(config);
  const jsonBody = express.json({ limit: config.server.bodyLimitBytes });
  // Before /graphql, whose mount would take /graphql/stream as well.
  app.use('/graphql/stream', cors, auth, eventStreamRequests(), jsonBody, unbufferedStreamHeaders(), streamRoute(deps, rules));
  app.use(
    '/graphql',
    cors,
    auth,
    jsonBody,
    hotReads.middleware(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        buildContext(deps, {
          requestId: String(res.locals.requestId),
          caller: res.locals.caller as Caller,
          signal: clientAbortSignal(res),
          idempotencyKey: req.get('idempotency-key'),
        }),
    }),
  );
  app.use(
    '/attachments',
    corsPolicy(config),
    authenticate(config),
    attachmentsRoute({
      attachments: deps.attachments,
      uploadBudget: deps.uploads.budget,
      uploadSlots: deps.uploads.slots,
      readTimeoutMs: config.resilience.deadlines.generateMs,
    }),
  );
  app.use(notFound);
  app.use(jsonErrors);
  return { app, apollo, hotReads, markDraining: () => (draining = true) };
}
