import { mulberry32 } from '../../../../simulators/shared/rng';
export { bffRejection } from '../../../../testing/bff-rejection';
export { TestClock } from './test-clock';
import type { Clock } from '../../clock';
import { Deadline } from '../../deadline';
import type { AcquireResult } from '../../gate/gate-store';
import { MemoryGateStore } from '../../gate/memory-gate-store';
import type { AttemptContext, Cost, UpstreamCall } from '../../upstream';
import { UpstreamFailure, type FailureClass, type UpstreamFailureDetails } from '../../upstream-failure';
import { createUpstream, type UpstreamRuntime, type UpstreamRuntimeOptions } from '../../upstream-runtime';

/** Seeded, so jitter and fault injection repeat exactly. */
export const seededRandom = mulberry32;

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An UpstreamFailure as a data source would throw it. */
export function failure(failureClass: FailureClass, details: Partial<UpstreamFailureDetails> = {}): UpstreamFailure {
  return new UpstreamFailure('claude', failureClass, `upstream said: secret-ish ${failureClass} text`, { delivery: 'no', ...details });
}

export function call<T>(run: (ctx: AttemptContext) => Promise<T>, extra: Partial<UpstreamCall<T>> = {}): UpstreamCall<T> {
  return { route: 'GET /v1/test', retry: 'idempotent', run, ...extra };
}

/** A call whose attempts follow a script: each entry is thrown (a failure) or returned (anything else). */
export function scripted<T>(script: Array<UpstreamFailure | T>, extra: Partial<UpstreamCall<T>> = {}) {
  const contexts: AttemptContext[] = [];
  const upstreamCall = call<T>(async (ctx) => {
    contexts.push(ctx);
    const step = script[Math.min(contexts.length, script.length) - 1];
    if (step instanceof UpstreamFailure) throw step;
    return step as T;
  }, extra);
  return { call: upstreamCall, contexts, get runs() { return contexts.length; } };
}

const deadlines: Deadline[] = [];

/** A deadline disposed after the test; on `clock` when the test drives time. */
export function deadline(ms: number, parent?: AbortSignal, clock?: Clock): Deadline {
  const d = Deadline.after(ms, parent, clock);
  deadlines.push(d);
  return d;
}

afterEach(() => {
  for (const d of deadlines.splice(0)) d.dispose();
});

export type RuntimeOverrides = Partial<Omit<UpstreamRuntimeOptions, 'limits' | 'resilience'>> & {
  limits?: Partial<UpstreamRuntimeOptions['limits']>;
  resilience?: Partial<UpstreamRuntimeOptions['resilience']>;
};

const runtimes: UpstreamRuntime[] = [];

/** A runtime with millisecond-scale settings; closed after the test. */
export function runtime(overrides: RuntimeOverrides = {}): UpstreamRuntime {
  const { limits, resilience, ...rest } = overrides;
  const rt = createUpstream({
    name: 'claude',
    displayName: 'Claude',
    attemptTimeoutMs: 2_000,
    pollIntervalMs: 20,
    random: seededRandom(7),
    ...rest,
    limits: { maxConcurrency: 4, budgets: {}, windowMs: 1_000, ...limits },
    resilience: {
      queueMax: 100,
      queueMaxWaitMs: 5_000,
      maxAttempts: 4,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      leaseTtlMs: 6_000,
      maxRetryAfterMs: 60_000,
      circuit: { failureThresholdPercent: 50, minimumCalls: 10, windowMs: 1_000, openMs: 100 },
      ...resilience,
    },
  });
  runtimes.push(rt);
  return rt;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((rt) => rt.close()));
});

export { captureLogsForSuite as captureLogs } from '../../../../testing/log-capture';

/** The in-memory store, recording when it granted leases and what pauses it was asked for (the gate's own clock). */
export class RecordingStore extends MemoryGateStore {
  readonly grantedAt: number[] = [];
  readonly pauses: number[] = [];

  override async tryAcquire(cost: Cost, now: number, leaseTtlMs: number): Promise<AcquireResult> {
    const result = await super.tryAcquire(cost, now, leaseTtlMs);
    if (result.ok) this.grantedAt.push(now);
    return result;
  }

  override async pauseUntil(untilMs: number): Promise<void> {
    this.pauses.push(untilMs);
    return super.pauseUntil(untilMs);
  }
}
