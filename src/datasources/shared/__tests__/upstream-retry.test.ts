import { BffError } from '../../../errors';
import { newRequestStats, runWithRequestContext } from '../../../logging/request-context';
import type { Deadline } from '../deadline';
import type { UpstreamCall } from '../upstream';
import type { AttemptEvent, OutcomeEvent } from '../upstream-events';
import type { UpstreamRuntime } from '../upstream-runtime';
import { UpstreamFailure, type FailureClass } from '../upstream-failure';
import { bffRejection, call, captureLogs, deadline, failure, runtime as baseRuntime, scripted, seededRandom, TestClock, type RuntimeOverrides } from './support/fakes';

const logs = captureLogs();

/** On a test clock: backoffs, retry-after waits and attempt timeouts are driven, never slept. */
describe('retry owner', () => {
  let clock: TestClock;
  beforeEach(() => {
    clock = new TestClock();
  });
  const runtime = (overrides: RuntimeOverrides = {}) => baseRuntime({ clock, ...overrides });
  const within = (ms: number) => deadline(ms, undefined, clock);
  const exec = <T>(rt: UpstreamRuntime, upstreamCall: UpstreamCall<T>, d: Deadline) => clock.until(rt.execute(upstreamCall, d));
  it('retries a transient failure and returns the later success', async () => {
    const rt = runtime();
    const script = scripted([failure('server_error'), failure('network'), 'ok']);
    await expect(exec(rt, script.call, within(1_000))).resolves.toBe('ok');
    expect(script.runs).toBe(3);
    expect(script.contexts.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('stops after maxAttempts and translates the last failure', async () => {
    const rt = runtime({ resilience: { maxAttempts: 3 } });
    const script = scripted([failure('overloaded')]);
    const error = await bffRejection(exec(rt, script.call, within(1_000)));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(script.runs).toBe(3);
    expect(error.cause).toBeInstanceOf(UpstreamFailure);
  });

  it('never retries a spend cap', async () => {
    const rt = runtime();
    const script = scripted([failure('spend_cap', { status: 429 }), 'ok']);
    const error = await bffRejection(exec(rt, script.call, within(1_000)));
    expect(error).toMatchObject({ code: 'QUOTA_EXHAUSTED', extensions: { retryable: false } });
    expect(script.runs).toBe(1);
  });

  it('never retries an auth failure, hides it from the user and logs it as an error', async () => {
    const rt = runtime();
    const script = scripted([failure('auth', { status: 401 }), 'ok']);
    const error = await bffRejection(exec(rt, script.call, within(1_000)));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(/upstream said|401|key/i);
    expect(script.runs).toBe(1);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'error', failureClass: 'auth' }));
  });

  describe('if-undelivered writes', () => {
    it('are not retried when the upstream may have acted', async () => {
      const rt = runtime();
      const script = scripted([failure('server_error', { delivery: 'maybe' }), 'ok'], { retry: 'if-undelivered' });
      expect((await bffRejection(exec(rt, script.call, within(1_000)))).code).toBe('UPSTREAM_UNAVAILABLE');
      expect(script.runs).toBe(1);
    });

    it('are retried when the upstream provably did not act', async () => {
      const rt = runtime();
      const script = scripted([failure('network', { delivery: 'no' }), 'ok'], { retry: 'if-undelivered' });
      await expect(exec(rt, script.call, within(1_000))).resolves.toBe('ok');
      expect(script.runs).toBe(2);
    });
  });

  it('retries resend-safe writes whatever the delivery, showing the earlier failures to the next attempt', async () => {
    const rt = runtime();
    const first = failure('timeout', { delivery: 'maybe' });
    const script = scripted([first, 'ok'], { retry: 'resend-safe' });
    await expect(exec(rt, script.call, within(1_000))).resolves.toBe('ok');
    expect(script.contexts[0]!.previousFailures).toEqual([]);
    expect(script.contexts[1]!.previousFailures).toEqual([first]);
  });

  it('waits at least retry-after before the next attempt', async () => {
    const rt = runtime();
    const times: number[] = [];
    const script = scripted([failure('rate_limited', { retryAfterMs: 80 }), 'ok']);
    await exec(rt, { ...script.call, run: (ctx) => (times.push(clock.now()), script.call.run(ctx)) }, within(1_000));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(80);
  });

  describe('within the deadline', () => {
    it('gives up at once when the backoff would outlast the deadline', async () => {
      const rt = runtime({ resilience: { retryBaseDelayMs: 10_000, retryMaxDelayMs: 10_000 }, random: () => 0.99 });
      const script = scripted([failure('server_error'), 'ok']);
      const error = await bffRejection(clock.withoutWaiting(rt.execute(script.call, within(300))));
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE'); // sleeping would have ended in UPSTREAM_TIMEOUT
      expect(script.runs).toBe(1);
    });

    it('gives up at once when retry-after is beyond the deadline, saying when to come back', async () => {
      const rt = runtime();
      const script = scripted([failure('rate_limited', { retryAfterMs: 5_000 }), 'ok']);
      const error = await bffRejection(clock.withoutWaiting(rt.execute(script.call, within(300))));
      expect(error).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 5 });
      expect(script.runs).toBe(1);
    });
  });

  describe('attempt timeout', () => {
    it('aborts the attempt signal after min(attempt timeout, time left), classifies it as timeout and retries', async () => {
      const rt = runtime({ attemptTimeoutMs: 30, resilience: { maxAttempts: 2 } });
      const timeouts: number[] = [];
      const result = await exec(rt, 
        call(async (ctx) => {
          timeouts.push(ctx.timeoutMs);
          if (ctx.attempt === 2) return 'second';
          // A data source that does not classify aborts: the runtime still knows its own timer fired.
          await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('socket aborted'))));
          return 'unreachable';
        }),
        within(1_000),
      );
      expect(result).toBe('second');
      expect(timeouts[0]).toBe(30);
      expect(rt.status().lastErrorClass).toBe('timeout');
    });

    it('hands the attempt the remaining deadline when it is shorter, and answers UPSTREAM_TIMEOUT when it passes', async () => {
      const rt = runtime({ attemptTimeoutMs: 10_000 });
      let timeoutMs = 0;
      const error = await bffRejection(
        exec(rt, 
          call(async (ctx) => {
            timeoutMs = ctx.timeoutMs;
            await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
          }),
          within(50),
        ),
      );
      expect(timeoutMs).toBeGreaterThan(0);
      expect(timeoutMs).toBeLessThanOrEqual(50);
      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      expect(error.message).toBe('Claude did not answer in time; try again.');
    });
  });

  describe('errors that are not UpstreamFailures', () => {
    it('turns a bug into INTERNAL_SERVER_ERROR, without retrying or counting it against the circuit', async () => {
      const rt = runtime({ resilience: { circuit: { failureThresholdPercent: 1, minimumCalls: 1, windowMs: 1_000, openMs: 1_000 } } });
      const run = jest.fn(async () => {
        throw new TypeError('cannot read properties of undefined');
      });
      const error = await bffRejection(exec(rt, call(run), within(1_000)));
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.cause).toBeInstanceOf(TypeError);
      expect(run).toHaveBeenCalledTimes(1);
      expect(rt.status().circuit).toBe('CLOSED');
    });

    it('passes a deliberate BffError through unchanged', async () => {
      const rt = runtime();
      const invalid = new BffError('CONTENT_INVALID', 'Claude returned copy we could not use; try again.');
      const error = await bffRejection(exec(rt, call(async () => Promise.reject(invalid)), within(1_000)));
      expect(error).toBe(invalid);
    });
  });

  it('recovers at least 99% of 500 calls when 20% of attempts fail transiently (seeded)', async () => {
    const rt = runtime({ random: seededRandom(11) });
    const faults = seededRandom(2026);
    const classes: FailureClass[] = ['server_error', 'network', 'overloaded', 'timeout', 'rate_limited', 'invalid_response'];
    const flaky = call(async () => {
      const roll = faults();
      if (roll < 0.2) {
        const cls = classes[Math.floor((roll / 0.2) * classes.length)]!;
        throw failure(cls, { delivery: 'maybe', ...(cls === 'rate_limited' && { retryAfterMs: 1 }) });
      }
      return 'ok';
    });
    let succeeded = 0;
    let attempts = 0;
    rt.subscribe({ onAttempt: () => void (attempts += 1) });
    // 20 clients, 25 operations each.
    const clients = Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let i = 0; i < 25; i++) {
          const ok = await rt.execute(flaky, within(5_000)).then(
            () => true,
            () => false,
          );
          if (ok) succeeded += 1;
        }
      }),
    );
    await clock.until(clients);
    expect(succeeded).toBeGreaterThanOrEqual(495);
    expect(attempts).toBeGreaterThan(500); // the faults really were there
  });

  describe('observability', () => {
    it('counts attempts, retries and queue wait on the request, and tells listeners', async () => {
      const rt = runtime({ limits: { maxConcurrency: 1 } });
      const attempts: AttemptEvent[] = [];
      const outcomes: OutcomeEvent[] = [];
      const waits: number[] = [];
      rt.subscribe({ onAttempt: (e) => attempts.push(e), onOutcome: (e) => outcomes.push(e), onQueueWait: (e) => waits.push(e.waitedMs) });
      const stats = newRequestStats();
      const blocker = rt.execute(call(() => clock.sleep(30)), within(1_000));
      await runWithRequestContext({ requestId: 'req-1', stats }, () =>
        exec(rt, scripted([failure('server_error', { status: 503 }), 'ok']).call, within(1_000)),
      );
      await blocker;
      expect(stats).toMatchObject({ upstreamCalls: 2, retries: 1 });
      expect(stats.queueWaitMs).toBe(30); // behind the blocker, on the clock
      expect(waits.length).toBeGreaterThan(0);
      expect(attempts.map((a) => a.outcome)).toEqual(['ok', 'server_error', 'ok']);
      expect(attempts[1]).toMatchObject({ upstream: 'claude', route: 'GET /v1/test', attempt: 1, status: 503 });
      expect(outcomes.map((o) => o.recovered)).toEqual([false, true]);
    });

    it('logs a warning per failed attempt and a debug line per successful one', async () => {
      const rt = runtime();
      await exec(rt, scripted([failure('server_error', { upstreamRequestId: 'req_up_1' }), 'ok']).call, within(1_000));
      expect(logs.entries()).toContainEqual(
        expect.objectContaining({ level: 'warn', upstream: 'claude', route: 'GET /v1/test', attempt: 1, failureClass: 'server_error', upstreamRequestId: 'req_up_1' }),
      );
      expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'debug', attempt: 2, durationMs: expect.any(Number) }));
    });

    it('keeps serving when a listener throws', async () => {
      const rt = runtime();
      rt.subscribe({
        onAttempt: () => {
          throw new Error('metrics broke');
        },
      });
      await expect(exec(rt, call(async () => 'ok'), within(1_000))).resolves.toBe('ok');
    });
  });
});
