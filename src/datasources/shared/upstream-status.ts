import type { GateLimits, GateStoreSnapshot } from './gate/gate-store';
import type { CircuitState, UpstreamStatusSnapshot } from './upstream';
import type { FailureClass, UpstreamName } from './upstream-failure';
import type { UpstreamRuntimeOptions } from './upstream-runtime';

export interface StatusInput {
  name: UpstreamName;
  limits: GateLimits;
  resilience: UpstreamRuntimeOptions['resilience'];
  queued: number;
  inFlight: number;
  store: GateStoreSnapshot;
  circuit: CircuitState;
  lastError: { failureClass: FailureClass; at: Date } | undefined;
}

/** What the status page shows of one upstream: limits, live budgets (whole numbers), circuit, pause, last error. */
export function statusSnapshot(input: StatusInput): UpstreamStatusSnapshot {
  const { store, resilience, lastError } = input;
  const { budgets } = input.limits;
  return {
    name: input.name,
    queued: input.queued,
    inFlight: input.inFlight,
    limits: {
      maxConcurrency: store.maxConcurrency,
      ...(budgets.requests !== undefined && { requestsPerMinute: budgets.requests }),
      ...(budgets.input_tokens !== undefined && { inputTokensPerMinute: budgets.input_tokens }),
      ...(budgets.output_tokens !== undefined && { outputTokensPerMinute: budgets.output_tokens }),
      queueMax: resilience.queueMax,
      queueMaxWaitMs: resilience.queueMaxWaitMs,
      maxAttempts: resilience.maxAttempts,
    },
    budgets: store.budgets.map((b) => ({
      dimension: b.dimension,
      limit: Math.floor(b.limit),
      remaining: Math.max(0, Math.floor(b.remaining)),
      ...(b.upstreamRemaining !== undefined && { upstreamRemaining: b.upstreamRemaining }),
      ...(b.upstreamResetAt !== undefined && { upstreamResetAt: new Date(b.upstreamResetAt) }),
    })),
    circuit: input.circuit,
    ...(store.pausedUntil !== undefined && { pausedUntil: new Date(store.pausedUntil) }),
    ...(lastError && { lastErrorClass: lastError.failureClass, lastErrorAt: lastError.at }),
  };
}
