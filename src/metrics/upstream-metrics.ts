import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CircuitState } from '../datasources/shared/upstream';
import type { AttemptEvent, UpstreamListener } from '../datasources/shared/upstream-events';
import type { UpstreamRuntime } from '../datasources/shared/upstream-runtime';

const CIRCUIT_STATES: readonly CircuitState[] = ['CLOSED', 'OPEN', 'HALF_OPEN'];

/**
 * `2xx`…`5xx` when the upstream answered; otherwise why there was no answer: `network`, `timeout`, `aborted`
 * (our deadline or the client's disconnect ended the wait) or `unexpected` (our own code threw); `unknown` for
 * a failure classified without its status.
 */
function statusClass(event: AttemptEvent): string {
  if (event.status !== undefined) return `${Math.floor(event.status / 100)}xx`;
  switch (event.outcome) {
    case 'ok':
      return '2xx';
    case 'network':
    case 'timeout':
    case 'aborted':
    case 'unexpected':
      return event.outcome;
    default:
      return 'unknown';
  }
}

/**
 * The upstream families: attempts, their latency, retries, the recovery SLI, queue wait and the circuit, from the
 * runtimes' events; queue depth, in-flight calls and circuit state read from `status()` when Prometheus scrapes.
 */
export function upstreamMetrics(registry: Registry, runtimes: readonly UpstreamRuntime[]): UpstreamListener {
  const registers = [registry];
  const attempts = new Counter({
    name: 'bff_upstream_attempts_total',
    help: 'Upstream attempts (each retry is one more) by route template, HTTP status class and outcome (ok or failure class).',
    labelNames: ['upstream', 'route', 'status_class', 'outcome'] as const,
    registers,
  });
  const attemptSeconds = new Histogram({
    name: 'bff_upstream_attempt_duration_seconds',
    help: 'Duration of one upstream attempt, from sending to the answer or the failure.',
    labelNames: ['upstream', 'route'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const retries = new Counter({
    name: 'bff_upstream_retries_total',
    help: 'Attempts after the first of an upstream call (retries after a transient failure).',
    labelNames: ['upstream', 'route'] as const,
    registers,
  });
  const recovery = new Counter({
    name: 'bff_upstream_recovery_total',
    help: 'Upstream calls that met at least one transient failure, by result: recovered (finally succeeded) or not_recovered.',
    labelNames: ['upstream', 'route', 'result'] as const,
    registers,
  });
  const queueWait = new Histogram({
    name: 'bff_upstream_queue_wait_seconds',
    help: 'Time an attempt waited in the upstream gate (quota and concurrency) before it was sent; 0 when it did not wait.',
    labelNames: ['upstream'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    registers,
  });
  const circuitTransitions = new Counter({
    name: 'bff_upstream_circuit_transitions_total',
    help: 'Circuit breaker state changes by the state entered; catches openings shorter than a scrape interval.',
    labelNames: ['upstream', 'to'] as const,
    registers,
  });
  new Gauge({
    name: 'bff_upstream_queue_depth',
    help: "Calls waiting in this instance's queue for the upstream gate.",
    labelNames: ['upstream'] as const,
    registers,
    collect() {
      for (const runtime of runtimes) this.set({ upstream: runtime.name }, runtime.status().queued);
    },
  });
  new Gauge({
    name: 'bff_upstream_in_flight',
    help: 'Calls this instance is currently running against the upstream.',
    labelNames: ['upstream'] as const,
    registers,
    collect() {
      for (const runtime of runtimes) this.set({ upstream: runtime.name }, runtime.status().inFlight);
    },
  });
  new Gauge({
    name: 'bff_upstream_circuit_state',
    help: 'Circuit breaker state: 1 for the current state, 0 for the others.',
    labelNames: ['upstream', 'state'] as const,
    registers,
    collect() {
      for (const runtime of runtimes) {
        const current = runtime.status().circuit;
        for (const state of CIRCUIT_STATES) this.set({ upstream: runtime.name, state }, state === current ? 1 : 0);
      }
    },
  });

  return {
    onAttempt(event) {
      const { upstream, route } = event;
      attempts.inc({ upstream, route, status_class: statusClass(event), outcome: event.outcome });
      attemptSeconds.observe({ upstream, route }, event.durationMs / 1000);
      if (event.attempt > 1) retries.inc({ upstream, route });
    },
    onQueueWait({ upstream, waitedMs }) {
      queueWait.observe({ upstream }, waitedMs / 1000);
    },
    onOutcome({ upstream, route, ok, metTransientFailure }) {
      if (metTransientFailure) recovery.inc({ upstream, route, result: ok ? 'recovered' : 'not_recovered' });
    },
    onCircuitChange({ upstream, to }) {
      circuitTransitions.inc({ upstream, to });
    },
  };
}
