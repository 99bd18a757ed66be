import type { Registry } from 'prom-client';
import type { UpstreamRuntime } from '../datasources/shared/upstream-runtime';
import { claudeMetrics, type ClaudeCallMetric } from './claude-metrics';
import { operationMetrics, type OperationMetrics } from './operation-metrics';
import { rateLimitMetrics, type RateLimitRejections } from './rate-limit-metrics';
import { createMetricsRegistry } from './registry';
import { streamMetrics, type StreamMetrics } from './stream-metrics';
import { upstreamMetrics } from './upstream-metrics';

/** The app's metrics: the registry `/metrics` serves and the hooks that feed it. */
export interface Metrics {
  registry: Registry;
  operations: OperationMetrics;
  rateLimitEvents: RateLimitRejections;
  streams: StreamMetrics;
  observeClaudeCall(call: ClaudeCallMetric): void;
}

/** Builds every family in a fresh registry and subscribes to the upstream runtimes' events. */
export function createMetrics(upstreams: readonly UpstreamRuntime[]): Metrics {
  const registry = createMetricsRegistry();
  const upstreamListener = upstreamMetrics(registry, upstreams);
  for (const upstream of upstreams) upstream.subscribe(upstreamListener);
  return {
    registry,
    operations: operationMetrics(registry),
    rateLimitEvents: rateLimitMetrics(registry),
    streams: streamMetrics(registry),
    observeClaudeCall: claudeMetrics(registry),
  };
}
