import { authSecrets } from './auth/authenticator';
import type { Config } from './config';
import { createClaudeShared, type ClaudeShared } from './datasources/claude/ClaudeAPI';
import { createClaudeUpstream, createWoodpeckerUpstream } from './datasources/shared/presets';
import type { Upstream } from './datasources/shared/upstream';
import { createWoodpeckerShared, type WoodpeckerShared } from './datasources/woodpecker/WoodpeckerAPI';
import type { RateLimitStore } from './graphql/directives/rate-limit';
import type { ReadinessCheck } from './http/health';
import { IdempotentExports } from './idempotency/idempotent-exports';
import { registerSecret } from './logging/redact';
import { createMetrics, type Metrics } from './metrics';
import { traceUpstreams } from './tracing/upstream-spans';
import { UsageAccounting, type UsageReports } from './usage/usage-accounting';
import { createSharedState } from './shared-state';

/**
 * The process-wide singletons: one upstream runtime (gate, circuit, retry owner) and one client per upstream,
 * caches and the metrics registry. Per-request objects (data sources, loaders) are built on top of these; a
 * limiter created per request would limit nothing.
 */
export interface Dependencies {
  config: Config;
  upstreams: { claude: Upstream; woodpecker: Upstream };
  claude: ClaudeShared;
  woodpecker: WoodpeckerShared;
  metrics: Metrics;
  usage: UsageReports;
  rateLimitStore: RateLimitStore;
  idempotentExports: IdempotentExports;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export async function createDependencies(config: Config): Promise<Dependencies> {
  for (const secret of [config.claude.apiKey, config.woodpecker.apiKey, config.metricsToken, ...authSecrets(config.auth)]) {
    registerSecret(secret);
  }
  // Memory, or Redis when REDIS_URL is set: gates, rate limits, campaign cache, idempotency and usage across instances.
  const shared = createSharedState(config);
  const upstreams = {
    claude: createClaudeUpstream(config, { store: shared.gateStore('claude', config.claude.apiKey) }),
    woodpecker: createWoodpeckerUpstream(config, { store: shared.gateStore('woodpecker', config.woodpecker.apiKey) }),
  };
  const metrics = createMetrics([upstreams.claude, upstreams.woodpecker]);
  traceUpstreams([upstreams.claude, upstreams.woodpecker]);
  const usage = new UsageAccounting({ store: shared.usageStore, prices: config.claudePricing, observe: metrics.observeClaudeCall });
  const claude = createClaudeShared(config, upstreams.claude, usage);
  const woodpecker = createWoodpeckerShared(config, upstreams.woodpecker, shared.campaignStore);
  return {
    config,
    upstreams,
    claude,
    woodpecker,
    metrics,
    usage,
    rateLimitStore: shared.rateLimitStore,
    idempotentExports: new IdempotentExports(shared.idempotencyStore, config),
    readiness: shared.readiness,
    async close() {
      // The upstreams first: they release the leases this instance holds, through Redis.
      await Promise.all([upstreams.claude.close(), upstreams.woodpecker.close()]);
      await Promise.all([woodpecker.http.close(), shared.close()]);
    },
  };
}
