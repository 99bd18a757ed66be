import { Histogram, type Registry } from 'prom-client';

/** GraphQL operations by root field(s) and outcome: rate, error ratio and latency in one family. */
export interface OperationMetrics {
  observe(operation: string, outcome: string, seconds: number): void;
}

export function operationMetrics(registry: Registry): OperationMetrics {
  const duration = new Histogram({
    name: 'bff_graphql_request_duration_seconds',
    help: 'GraphQL operations by root field(s) (`unknown` when it did not parse or validate) and outcome (`ok` or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    // From cached reads (ms) to Claude generations (tens of seconds).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60],
    registers: [registry],
  });
  return {
    observe: (operation, outcome, seconds) => duration.observe({ operation, outcome }, seconds),
  };
}
