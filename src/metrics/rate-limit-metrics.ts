import { Counter, type Registry } from 'prom-client';

/** What the per-client limiter reports: one call per refused request, with the field it was refused on. */
export interface RateLimitRejections {
  onRejected(field: string): void;
}

/** Per-client limit rejections, by field only: the caller is in the log line, never in a label. */
export function rateLimitMetrics(registry: Registry): RateLimitRejections {
  const rejections = new Counter({
    name: 'bff_rate_limit_rejections_total',
    help: 'Calls refused with RATE_LIMITED because a caller went over its per-client limit, by GraphQL field.',
    labelNames: ['field'] as const,
    registers: [registry],
  });
  return {
    onRejected: (field) => rejections.inc({ field }),
  };
}
