import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One registry per app instance (not prom-client's global), so several apps in one test process do not
 * collide. Process metrics (CPU, memory, event-loop lag, GC) come with it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bff_' });
  return registry;
}
