import type winston from 'winston';
import { describeError } from '../../logging/logger';
import type { ErrorCode } from '../../errors';
import type { CircuitState } from './upstream';
import type { FailureClass, UpstreamFailure, UpstreamName } from './upstream-failure';

export interface AttemptEvent {
  upstream: UpstreamName;
  route: string;
  attempt: number;
  /** How long the caller waited (with the slot held until the answer, the exchange may run on: see onDetachedEnd). */
  durationMs: number;
  /** 'ok', the failure class, or 'unexpected' when `run` threw something that is not an UpstreamFailure. */
  outcome: 'ok' | FailureClass | 'unexpected';
  status?: number;
  /** The failure, when the outcome is a failure class. */
  failure?: UpstreamFailure;
  upstreamRequestId?: string;
}

/** An exchange whose caller had stopped waiting has ended (the upstream answered, or the slot ceiling passed). */
export interface DetachedEndEvent {
  upstream: UpstreamName;
  route: string;
  attempt: number;
  outcome: 'ok' | FailureClass | 'unexpected';
}

/** Every gate grant, including those that did not wait (`waitedMs` 0). */
export interface QueueWaitEvent {
  upstream: UpstreamName;
  route: string;
  waitedMs: number;
}

export interface CircuitChangeEvent {
  upstream: UpstreamName;
  from: CircuitState;
  to: CircuitState;
  /** How long the circuit stays OPEN, when `to` is OPEN. */
  openForMs?: number;
}

export interface OutcomeEvent {
  upstream: UpstreamName;
  route: string;
  ok: boolean;
  attempts: number;
  /** Succeeded after at least one failed attempt: what the retry owner is for. */
  recovered: boolean;
  /** At least one attempt failed transiently (the recovery SLI counts only these calls, ok or not). */
  metTransientFailure: boolean;
  /** The error code the caller got, when not ok. */
  code?: ErrorCode;
  /** What ended the call when not ok, before translation: an UpstreamFailure, a LocalRejection, a BffError or a bug. */
  error?: unknown;
}

/**
 * Hooks for logging, metrics and tracing; every one is optional. They run synchronously on the call path (in
 * the request's async context, so log lines keep its request id): keep them cheap.
 */
export interface UpstreamListener {
  onAttempt?(event: AttemptEvent): void;
  onDetachedEnd?(event: DetachedEndEvent): void;
  onQueueWait?(event: QueueWaitEvent): void;
  onCircuitChange?(event: CircuitChangeEvent): void;
  onOutcome?(event: OutcomeEvent): void;
}

type EventOf<K extends keyof UpstreamListener> = Parameters<NonNullable<UpstreamListener[K]>>[0];

/** The listeners of one upstream runtime. A throwing listener is logged and never breaks the call. */
export class UpstreamEvents {
  private listeners: UpstreamListener[];

  constructor(
    initial: readonly UpstreamListener[],
    private readonly logger: winston.Logger,
  ) {
    this.listeners = [...initial];
  }

  subscribe(listener: UpstreamListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  emit<K extends keyof UpstreamListener>(hook: K, event: EventOf<K>): void {
    for (const listener of this.listeners) {
      const handler = listener[hook] as ((e: EventOf<K>) => void) | undefined;
      if (!handler) continue;
      try {
        handler.call(listener, event);
      } catch (error) {
        this.logger.error('upstream listener failed', { hook, error: describeError(error) });
      }
    }
  }
}
