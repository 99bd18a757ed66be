import { loadConfig } from '../../config';
import type { BatchRecord, ExportRun } from '../../datasources/woodpecker/export/journal';
import type { ExportResultModel } from '../../datasources/woodpecker/models';
import type { ExportRequest } from '../../datasources/woodpecker/WoodpeckerAPI';
import { BffError, ErrorCode } from '../../errors';
import { BackgroundWork } from '../../lifecycle/background-work';
import { configureLogger } from '../../logging/logger';
import { bffRejection } from '../../testing/bff-rejection';
import { FAST_TEST_ENV } from '../../testing/test-env';
import { IdempotentExports } from '../idempotent-exports';
import { MemoryIdempotencyStore, type IdempotencyStore, type Steps } from '../idempotency-store';
import { runOnce, type Journal, type OnceClock, type OnceOptions, type OnceWork } from '../run-once';

/** A step of the test operation: how far it got. The result is the number of steps taken by all runs. */
type Step = { done: true };
type Result = { steps: number; run: number };

const LIMITS = { maxKeys: 100, maxBytesPerKey: 10_000 };

/** Time that moves only when told to, or when runOnce sleeps (a sleep takes no real time). */
function drivenClock(): OnceClock & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) throw signal.reason;
    },
    advance: (ms) => void (now += ms),
  };
}

function options(clock: OnceClock, overrides: Partial<OnceOptions> = {}): OnceOptions {
  return {
    key: 'caller-scoped-key',
    field: 'Idempotency-Key',
    fingerprint: 'fp-1',
    what: 'export',
    times: { claimTtlMs: 5_000, retentionMs: 60_000, etaMs: 10_000 },
    maxWaitMs: 15_000,
    signal: new AbortController().signal,
    clock,
    ...overrides,
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * An operation of `total` steps that records each one, resumes from recorded steps, and can be held at a
 * step (`gate`) or told to stop early (`stopAfter`: the partial outcome of a drain or a failed batch).
 */
interface Operation {
  runs: number;
  stepsTaken: number;
  gate: Promise<void> | undefined;
  stopAfter: number;
  fail: BffError | undefined;
  background: BackgroundWork;
  work: OnceWork<Step, Result>;
}

function operation(total = 3): Operation {
  const background = new BackgroundWork();
  const op: Operation = {
    runs: 0,
    stepsTaken: 0,
    gate: undefined,
    stopAfter: Number.POSITIVE_INFINITY,
    fail: undefined,
    background,
    work: {
      run: async (journal: Journal<Step>): Promise<{ result: Result; complete: boolean }> => {
        op.runs += 1;
        const run: number = op.runs;
        let done = Object.keys(journal.steps).length;
        while (done < total) {
          if (done >= op.stopAfter) return { result: { steps: done, run }, complete: false };
          await op.gate;
          if (op.fail) throw op.fail;
          await journal.record(String(done), { done: true });
          op.stepsTaken += 1;
          done += 1;
        }
        return { result: { steps: done, run }, complete: true };
      },
      replay: async (steps: Steps<Step>) => ({ steps: Object.keys(steps).length, run: 0 }),
      detach: (task) => background.run(task),
    },
  };
  return op;
}

describe('runOnce', () => {
  beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));

  it('When the first call completes, then a repeat replays its outcome from the recorded steps without running', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const op = operation();
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 1 });
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 0 });
    expect([op.runs, op.stepsTaken]).toEqual([1, 3]);
  });

  it('When the same key comes with a different input, then BAD_USER_INPUT, as Stripe does', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    await runOnce(store, options(clock), operation().work);
    const error = await bffRejection(runOnce(store, options(clock, { fingerprint: 'fp-2' }), operation().work));
    expect(error.message).toBe('This Idempotency-Key was already used for a different export.');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['Idempotency-Key'] });
  });

  it('When a repeat arrives while the first runs, then it waits and gets the complete outcome; the work ran once', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const op = operation();
    const open = deferred();
    op.gate = open.promise;
    const first = runOnce(store, options(clock), op.work);
    const repeat = runOnce(store, options(clock), op.work);
    open.resolve();
    expect(await first).toEqual({ steps: 3, run: 1 });
    expect(await repeat).toEqual({ steps: 3, run: 0 });
    expect(op.runs).toBe(1);
  });

  it('When the first call stops short (partial result), then nothing is final: the next call resumes from its steps', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const op = operation();
    op.stopAfter = 1;
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 1, run: 1 });
    op.stopAfter = Number.POSITIVE_INFINITY;
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 2 });
    expect(op.stepsTaken).toBe(3);
  });

  it('When the first call throws, then the claim is released with its steps and a retry with the same key resumes', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const op = operation();
    const busy = new BffError(ErrorCode.UPSTREAM_BUSY, 'Woodpecker is busy right now; try again in 1 second.');
    op.stopAfter = 2;
    await runOnce(store, options(clock), op.work);
    op.stopAfter = Number.POSITIVE_INFINITY;
    op.fail = busy;
    await expect(runOnce(store, options(clock), op.work)).rejects.toBe(busy);
    op.fail = undefined;
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 3 });
    expect(op.stepsTaken).toBe(3);
  });

  it('When the caller goes away, then the run still completes and its outcome is the key’s', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const op = operation();
    const open = deferred();
    op.gate = open.promise;
    const caller = new AbortController();
    const first = runOnce(store, options(clock, { signal: caller.signal }), op.work);
    caller.abort(new Error('client disconnected'));
    open.resolve();
    expect(await first).toEqual({ steps: 3, run: 1 });
    await op.background.idle();
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 0 });
  });

  it('When the first call runs longer than a repeat may wait, then the repeat answers "still running" with a hint', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const holder = await store.claim('caller-scoped-key', 'fp-1', { claimTtlMs: 60_000, retentionMs: 60_000, etaMs: 40_000 });
    expect(holder.state).toBe('claimed');
    const op = operation();
    const error = await bffRejection(runOnce(store, options(clock, { maxWaitMs: 3_000 }), op.work));
    expect(error.message).toBe('The first export with this Idempotency-Key is still running; try again shortly.');
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BUSY', retryable: true });
    // The holder expected 40 s; the repeat waited about 3 of them.
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(37);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(38);
    expect(op.runs).toBe(0);
  });

  it('When the holder died (its claim lapsed without renewal), then a waiting repeat takes the key over and resumes', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const dead = await store.claim('caller-scoped-key', 'fp-1', { claimTtlMs: 2_000, retentionMs: 60_000, etaMs: 10_000 });
    if (dead.state !== 'claimed') throw new Error('the first claim must win');
    await store.record('caller-scoped-key', dead.token, '0', { done: true }, { claimTtlMs: 2_000, retentionMs: 60_000, etaMs: 10_000 });
    const op = operation();
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 1 });
    expect(op.stepsTaken).toBe(2);
  });

  it('When the caller goes away while waiting, then the wait stops with UPSTREAM_TIMEOUT', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    await store.claim('caller-scoped-key', 'fp-1', { claimTtlMs: 60_000, retentionMs: 60_000, etaMs: 60_000 });
    const caller = new AbortController();
    caller.abort(new Error('client disconnected'));
    const error = await bffRejection(runOnce(store, options(clock, { signal: caller.signal }), operation().work));
    expect(error.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it('When the holder keeps working past its claim TTL, then its heartbeat keeps the key from being taken over', async () => {
    const store = new MemoryIdempotencyStore<Step>(LIMITS);
    const op = operation();
    const open = deferred();
    op.gate = open.promise;
    const short = { claimTtlMs: 150, retentionMs: 60_000, etaMs: 1_000 };
    const first = runOnce(store, { ...options({ now: Date.now, sleep: () => Promise.resolve() }), times: short }, op.work);
    await new Promise((resolve) => setTimeout(resolve, 400)); // well past the TTL: only renewals keep the claim
    expect((await store.claim('caller-scoped-key', 'fp-1', short)).state).toBe('running');
    open.resolve();
    expect(await first).toEqual({ steps: 3, run: 1 });
  });

  it('When the store cannot be reached, then the call is refused (fails closed) without running', async () => {
    const clock = drivenClock();
    const down: IdempotencyStore<Step> = new MemoryIdempotencyStore<Step>(LIMITS);
    down.claim = () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    const op = operation();
    const error = await bffRejection(runOnce(down, options(clock), op.work));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BUSY', retryAfterSeconds: 1 });
    expect(op.runs).toBe(0);
  });

  it('When a step cannot be recorded, then the run stops there with a retryable error', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    store.record = () => Promise.reject(new Error('connection lost'));
    const error = await bffRejection(runOnce(store, options(clock), operation().work));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BUSY', retryable: true });
  });

  it('When another call took the key over, then the old holder’s next step is refused and it stops', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    store.record = async () => 'lost';
    const error = await bffRejection(runOnce(store, options(clock), operation().work));
    expect(error.message).toBe('Another request with this Idempotency-Key is continuing the export; try again shortly.');
  });

  it('When completing fails, then the caller still gets the outcome and the next call finds nothing left to do', async () => {
    const clock = drivenClock();
    const store = new MemoryIdempotencyStore<Step>(LIMITS, clock.now);
    const complete = store.complete.bind(store);
    store.complete = () => Promise.reject(new Error('connection lost'));
    const op = operation();
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 1 });
    store.complete = complete;
    clock.advance(5_001); // the claim lapses
    expect(await runOnce(store, options(clock), op.work)).toEqual({ steps: 3, run: 2 });
    expect(op.stepsTaken).toBe(3);
  });
});

describe('IdempotentExports', () => {
  const config = loadConfig({ ...FAST_TEST_ENV });
  const request: ExportRequest = { campaignId: '1', prospects: [{ email: 'ann@example.com' }], force: false };
  const signal = new AbortController().signal;
  const newExports = (store = new MemoryIdempotencyStore<BatchRecord>(LIMITS)) => new IdempotentExports(store, new BackgroundWork(), config);

  /** An export of one batch that adds its one prospect, recording it as the data source does. */
  function counted() {
    const work = async (run: ExportRun) => {
      work.runs += 1;
      await run.journal?.record({ start: 0, size: 1 });
      const answer = { succeeded: 1, duplicates: 0, rejected: [] };
      await run.journal?.record({ start: 0, size: 1, answer });
      const result: ExportResultModel = { total: 1, succeeded: 1, failed: 0, duplicates: 0, errors: [] };
      return { result, complete: true };
    };
    work.runs = 0;
    return work;
  }

  it('When two callers use the same key, then they never share an outcome (keys are per caller)', async () => {
    const exports = newExports();
    const work = counted();
    await exports.forRequest({ callerId: 'alice', headerKey: 'k-1', signal }).run(undefined, request, work);
    await exports.forRequest({ callerId: 'bob', headerKey: 'k-1', signal }).run(undefined, request, work);
    await exports.forRequest({ callerId: 'alice', headerKey: undefined, signal }).run('k-1', request, work);
    expect(work.runs).toBe(2);
  });

  it('When the same prospects come again, then they replay the recorded outcome; a changed input is refused', async () => {
    const forAlice = newExports().forRequest({ callerId: 'alice', headerKey: 'k-2', signal });
    const first = await forAlice.run(undefined, request, counted());
    await expect(forAlice.run(undefined, { ...request, prospects: [{ email: 'ann@example.com' }] }, counted())).resolves.toEqual(first);
    await expect(forAlice.run(undefined, { ...request, force: true }, counted())).rejects.toMatchObject({
      message: 'This Idempotency-Key was already used for a different export.',
    });
  });

  it('When no key is sent, then the export just runs (detached), touching no store', async () => {
    const store = new MemoryIdempotencyStore<BatchRecord>(LIMITS);
    store.claim = () => Promise.reject(new Error('must not be asked'));
    const work = counted();
    const outcome = await newExports(store).forRequest({ callerId: 'alice', headerKey: undefined, signal }).run(null, request, work);
    expect(outcome).toMatchObject({ total: 1, succeeded: 1 });
    expect(work.runs).toBe(1);
  });

  it('When a key is known to the store, then isRepeat says so; an unknown or malformed key is no repeat', async () => {
    const exports = newExports();
    const forAlice = exports.forRequest({ callerId: 'alice', headerKey: undefined, signal });
    await forAlice.run('k-3', request, counted());
    const later = exports.forRequest({ callerId: 'alice', headerKey: undefined, signal });
    expect(await later.isRepeat('k-3')).toBe(true);
    expect(await later.isRepeat('k-4')).toBe(false);
    expect(await later.isRepeat('not a key')).toBe(false);
    expect(await exports.forRequest({ callerId: 'bob', headerKey: 'k-3', signal }).isRepeat(undefined)).toBe(false);
  });
});
