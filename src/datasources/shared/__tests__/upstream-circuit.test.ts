import type { CircuitChangeEvent } from '../upstream-events';
import { bffRejection, call, captureLogs, deadline, deferred, failure, runtime, scripted, TestClock } from './support/fakes';

const logs = captureLogs();

/** Cool-downs and shared deadlines run on a test clock: the tests move it instead of sleeping. */
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock();
});
const within = (ms: number, parent?: AbortSignal) => deadline(ms, parent, clock);

/** A short cool-down for the tests that wait for the probe; a long one where OPEN must still hold when asserted. */
function openCircuitRuntime(openMs: number) {
  const circuit = { failureThresholdPercent: 50, minimumCalls: 4, windowMs: 1_000, openMs };
  const rt = runtime({ clock, resilience: { maxAttempts: 1, circuit } });
  const changes: CircuitChangeEvent[] = [];
  rt.subscribe({ onCircuitChange: (e) => changes.push(e) });
  return { rt, changes };
}

async function failTimes(rt: ReturnType<typeof runtime>, n: number, cls: Parameters<typeof failure>[0] = 'server_error') {
  for (let i = 0; i < n; i++) {
    const attempt = rt.execute(scripted([failure(cls, { retryAfterMs: cls === 'rate_limited' ? 1 : undefined })]).call, within(1_000));
    await bffRejection(clock.until(attempt));
  }
}

describe('circuit breaker in the runtime', () => {
  it('opens on unhealthy failures, then fails fast with UPSTREAM_UNAVAILABLE and the time left open', async () => {
    const { rt, changes } = openCircuitRuntime(1_000);
    await failTimes(rt, 4);
    expect(rt.status().circuit).toBe('OPEN');
    expect(changes).toEqual([{ upstream: 'claude', from: 'CLOSED', to: 'OPEN', openForMs: 1_000 }]);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Claude circuit opened: failing fast' }));

    const run = jest.fn(async () => 'never');
    const error = await bffRejection(rt.execute(call(run), within(1_000)));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfterSeconds: 1 });
    expect(error.message).toBe('Claude is unavailable right now; try again in 1 second.');
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'warn', kind: 'circuit_open' }));
    expect(run).not.toHaveBeenCalled();
  });

  it('is not opened by 429s or input errors', async () => {
    const { rt } = openCircuitRuntime(1_000);
    await failTimes(rt, 6, 'rate_limited');
    await failTimes(rt, 6, 'bad_request');
    expect(rt.status().circuit).toBe('CLOSED');
  });

  it('lets one probe through after the cool-down; its success closes the circuit', async () => {
    const { rt, changes } = openCircuitRuntime(100);
    await failTimes(rt, 4);
    await clock.advance(110);
    expect(rt.status().circuit).toBe('HALF_OPEN');
    const probeGate = deferred<string>();
    const probe = rt.execute(call(() => probeGate.promise), within(1_000));
    await clock.advance(0);
    const other = jest.fn(async () => 'never');
    expect((await bffRejection(rt.execute(call(other), within(1_000)))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(other).not.toHaveBeenCalled();
    probeGate.resolve('probe ok');
    await expect(probe).resolves.toBe('probe ok');
    expect(rt.status().circuit).toBe('CLOSED');
    expect(changes.map((c) => c.to)).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    await expect(rt.execute(call(async () => 'flowing'), within(1_000))).resolves.toBe('flowing');
  });

  it('re-opens when the probe fails', async () => {
    const { rt, changes } = openCircuitRuntime(100);
    await failTimes(rt, 4);
    await clock.advance(110);
    await failTimes(rt, 1, 'network');
    expect(changes.map((c) => c.to)).toEqual(['OPEN', 'HALF_OPEN', 'OPEN']);
  });
});

describe('coalescing', () => {
  it('shares one execution and one result among identical concurrent reads', async () => {
    const rt = runtime({ clock });
    const run = jest.fn(async () => {
      await clock.sleep(10);
      return { campaigns: [1, 2, 3] };
    });
    const read = call(run, { coalesceKey: 'GET /v1/campaign_list' });
    const results = await clock.until(Promise.all(Array.from({ length: 5 }, () => rt.execute(read, within(1_000)))));
    expect(run).toHaveBeenCalledTimes(1);
    for (const result of results) expect(result).toBe(results[0]);
    await clock.until(rt.execute(read, within(1_000)));
    expect(run).toHaveBeenCalledTimes(2); // nothing is cached once the shared run is over
  });

  it('does not share between different keys', async () => {
    const rt = runtime({ clock });
    const run = jest.fn(async () => clock.sleep(5));
    await clock.until(Promise.all([rt.execute(call(run, { coalesceKey: 'a' }), within(1_000)), rt.execute(call(run, { coalesceKey: 'b' }), within(1_000))]));
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('lets each caller leave at its own abort while the others still get the result', async () => {
    const rt = runtime({ clock });
    const answer = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    const read = call(
      async (ctx) => {
        sharedSignal = ctx.signal;
        return answer.promise;
      },
      { coalesceKey: 'k' },
    );
    const leaving = new AbortController();
    const first = rt.execute(read, within(1_000, leaving.signal));
    const second = rt.execute(read, within(1_000));
    await clock.advance(0);
    leaving.abort(new Error('client went away'));
    expect((await bffRejection(first)).code).toBe('UPSTREAM_TIMEOUT');
    expect(sharedSignal!.aborted).toBe(false);
    answer.resolve('shared');
    await expect(second).resolves.toBe('shared');
  });

  it('cancels the shared execution when every caller has left', async () => {
    const rt = runtime({ clock });
    let sharedSignal: AbortSignal | undefined;
    const read = call(
      (ctx) => {
        sharedSignal = ctx.signal;
        return new Promise<string>((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      },
      { coalesceKey: 'k' },
    );
    const a = new AbortController();
    const b = new AbortController();
    const calls = [rt.execute(read, within(1_000, a.signal)), rt.execute(read, within(1_000, b.signal))];
    await clock.advance(0);
    a.abort(new Error('gone'));
    b.abort(new Error('gone'));
    await Promise.all(calls.map((c) => bffRejection(c)));
    expect(sharedSignal!.aborted).toBe(true);
  });

  describe('a newcomer never joins a shared run that was already aborted', () => {
    /** A read whose exchange takes a while to wind down after its signal fired (a socket being torn down). */
    function slowToStop() {
      const stopped = deferred();
      const runs: AbortSignal[] = [];
      const read = call(
        (ctx) => {
          runs.push(ctx.signal);
          if (runs.length > 1) return Promise.resolve('fresh');
          return new Promise<string>((_, reject) => ctx.signal.addEventListener('abort', () => void stopped.promise.then(() => reject(ctx.signal.reason))));
        },
        { coalesceKey: 'k' },
      );
      return { read, runs, stopped };
    }

    it('When a caller arrives after every earlier caller left, then it starts a fresh run', async () => {
      const rt = runtime({ clock });
      const { read, runs, stopped } = slowToStop();
      const gone = new AbortController();
      const first = rt.execute(read, within(1_000, gone.signal));
      await clock.advance(0);
      gone.abort(new Error('client went away'));
      await bffRejection(first);
      expect(runs[0]!.aborted).toBe(true);

      const newcomer = rt.execute(read, within(1_000));
      stopped.resolve();

      await expect(newcomer).resolves.toBe('fresh');
      expect(runs).toHaveLength(2);
    });

    it("When the shared run's deadline has passed, then a caller arriving with time left starts a fresh run", async () => {
      const rt = runtime({ clock });
      const { read, runs, stopped } = slowToStop();
      const first = rt.execute(read, within(20));
      expect((await bffRejection(clock.until(first))).code).toBe('UPSTREAM_TIMEOUT');

      const newcomer = rt.execute(read, within(1_000));
      stopped.resolve();

      await expect(newcomer).resolves.toBe('fresh');
      expect(runs).toHaveLength(2);
    });
  });
});
