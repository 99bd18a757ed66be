import type { Deadline } from '../../shared/deadline';
import type { AttemptContext, Cost, Upstream, UpstreamCall, UpstreamStatusSnapshot } from '../../shared/upstream';

/**
 * Wraps an upstream runtime (the real one in these tests) and records what the data source tells it: each
 * call's route, retry mode and cost, and per attempt the settled usage, rate-limit headers and request ids.
 */

export interface RecordedAttempt {
  settled: Cost[];
  rateLimitHeaders: Record<string, string | null | undefined>[];
  upstreamRequestIds: (string | undefined)[];
}

export interface RecordedCall {
  route: string;
  retry: UpstreamCall<unknown>['retry'];
  cost: Cost | undefined;
  attempts: RecordedAttempt[];
}

const OBSERVED_HEADERS = [
  'anthropic-ratelimit-requests-remaining',
  'anthropic-ratelimit-input-tokens-remaining',
  'anthropic-ratelimit-output-tokens-remaining',
];

export class RecordingUpstream implements Upstream {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly inner: Upstream) {}

  get name(): Upstream['name'] {
    return this.inner.name;
  }

  execute<T>(call: UpstreamCall<T>, deadline: Deadline): Promise<T> {
    const recorded: RecordedCall = { route: call.route, retry: call.retry, cost: call.cost, attempts: [] };
    this.calls.push(recorded);
    return this.inner.execute({ ...call, run: (ctx) => call.run(recordingContext(ctx, recorded)) }, deadline);
  }

  admitsNow(costs: readonly Cost[]): boolean {
    return this.inner.admitsNow(costs);
  }

  estimateWaitMs(cost: Cost): number {
    return this.inner.estimateWaitMs(cost);
  }

  status(): UpstreamStatusSnapshot {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** `ctx` with what the attempt reports also recorded as a new attempt of `recorded`. */
export function recordingContext(ctx: AttemptContext, recorded: Pick<RecordedCall, 'attempts'>): AttemptContext {
  const attempt: RecordedAttempt = { settled: [], rateLimitHeaders: [], upstreamRequestIds: [] };
  recorded.attempts.push(attempt);
  return {
    ...ctx,
    settle: (actual) => {
      attempt.settled.push(actual);
      ctx.settle(actual);
    },
    observeRateLimitHeaders: (get) => {
      attempt.rateLimitHeaders.push(Object.fromEntries(OBSERVED_HEADERS.map((name) => [name, get(name)])));
      ctx.observeRateLimitHeaders(get);
    },
    noteUpstreamRequestId: (id) => {
      attempt.upstreamRequestIds.push(id);
      ctx.noteUpstreamRequestId(id);
    },
  };
}
