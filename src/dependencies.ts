import type { Registry } from 'prom-client';
import type { Config } from './config';
import { createClaudeShared, type ClaudeShared } from './datasources/claude/ClaudeAPI';
import { createClaudeUpstream, createWoodpeckerUpstream } from './datasources/shared/presets';
import type { Upstream } from './datasources/shared/upstream';
import { createWoodpeckerShared, type WoodpeckerShared } from './datasources/woodpecker/WoodpeckerAPI';
import { memoryRateLimitStore, type RateLimitStore } from './graphql/directives/rate-limit';
import type { ReadinessCheck } from './http/health';
import { registerSecret } from './logging/redact';
import { createMetricsRegistry } from './metrics/registry';

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
  metrics: Registry;
  rateLimitStore: RateLimitStore;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export async function createDependencies(config: Config): Promise<Dependencies> {
  registerSecret(config.claude.apiKey);
  registerSecret(config.woodpecker.apiKey);
  const upstreams = { claude: createClaudeUpstream(config), woodpecker: createWoodpeckerUpstream(config) };
  const claude = createClaudeShared(config, upstreams.claude);
  const woodpecker = createWoodpeckerShared(config, upstreams.woodpecker);
  return {
    config,
    upstreams,
    claude,
    woodpecker,
    metrics: createMetricsRegistry(),
    rateLimitStore: memoryRateLimitStore,
    readiness: [],
    async close() {
      await Promise.all([upstreams.claude.close(), upstreams.woodpecker.close()]);
      await woodpecker.http.close();
    },
  };
}
