import { loadConfig } from '../../config';
import type { ExportResultModel } from '../../datasources/woodpecker/models';
import type { ExportRequest } from '../../datasources/woodpecker/WoodpeckerAPI';
import { BffError, ErrorCode } from '../../errors';
import { configureLogger } from '../../logging/logger';
import { FAST_TEST_ENV } from '../../testing/test-env';
import { IdempotentExports } from '../idempotent-exports';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency-store';
import { runOnce, type OnceOptions } from '../run-once';
import { bffRejection } from '../../testing/bff-rejection';

type Outcome = { n: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function options(overrides: Partial<OnceOptions> = {}): OnceOptions {
  return {
    key: 'caller-scoped-key',
    field: 'Idempotency-Key',
    fingerprint: 'fp-1',
    what: 'export',
    retentionMs: 60_000,
    claimTtlMs: 5_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** A unit of work that counts its runs and returns the run number. */
function counted(delayMs = 0) {
  const work = async (): Promise<Outcome> => {
    work.runs += 1;
    const n = work.runs;
    await sleep(delayMs);
    return { n };
  };
  work.runs = 0;
  return work;
}

describe('runOnce', () => {
  beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));

  it('runs the first call and replays its outcome to a repeat without running again', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    const work = counted();
    expect(await runOnce(store, options(), work)).toEqual({ n: 1 });
    expect(await runOnce(store, options(), work)).toEqual({ n: 1 });
    expect(work.runs).toBe(1);
  });

  it('refuses the same key with a different input, as Stripe does', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    await runOnce(store, options(), counted());
    const error = await bffRejection(runOnce(store, options({ fingerprint: 'fp-2' }), counted()));
    expect(error.message).toBe('This Idempotency-Key was already used for a different export.');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['Idempotency-Key'] });
  });

  it('makes a concurrent repeat wait for the first and return the same outcome', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    const work = counted(150);
    const [first, repeat] = await Promise.all([runOnce(store, options(), work), runOnce(store, options(), work)]);
    expect(repeat).toEqual(first);
    expect(work.runs).toBe(1);
  });

  it('stores no thrown error: the claim is freed and a retry with the same key runs again', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    const busy = new BffError(ErrorCode.UPSTREAM_BUSY, 'Woodpecker is busy right now; try again in 1 second.');
    await expect(runOnce(store, options(), () => Promise.reject(busy))).rejects.toBe(busy);
    const work = counted();
    expect(await runOnce(store, options(), work)).toEqual({ n: 1 });
  });

  it('waits no longer than a claim can last, then says the first is still running', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    const never = new Promise<Outcome>(() => undefined);
    void runOnce(store, options({ claimTtlMs: 10_000 }), () => never);
    const started = Date.now();
    const error = await bffRejection(runOnce(store, options({ claimTtlMs: 300 }), counted()));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BUSY', retryable: true });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(9);
  });

  it('takes over the key when the first holder died (its claim expired without an outcome)', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    await store.claim('caller-scoped-key', 'fp-1', 200); // an instance that then crashed
    const work = counted();
    expect(await runOnce(store, options(), work)).toEqual({ n: 1 });
    expect(work.runs).toBe(1);
  });

  it('stops waiting when the client goes away', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    void runOnce(store, options(), () => new Promise<Outcome>(() => undefined));
    const client = new AbortController();
    setTimeout(() => client.abort(), 100);
    const error = await bffRejection(runOnce(store, options({ signal: client.signal }), counted()));
    expect(error.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
  });

  it('refuses (fails closed) without running the work when the store cannot be reached', async () => {
    const down: IdempotencyStore<Outcome> = {
      claim: () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const work = counted();
    const error = await bffRejection(runOnce(down, options(), work));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_BUSY', retryAfterSeconds: 1 });
    expect(work.runs).toBe(0);
  });

  it('still returns the outcome when storing it fails', async () => {
    const store = new MemoryIdempotencyStore<Outcome>();
    store.complete = () => Promise.reject(new Error('connection lost'));
    expect(await runOnce(store, options(), counted())).toEqual({ n: 1 });
  });
});

describe('IdempotentExports', () => {
  const config = loadConfig({ ...FAST_TEST_ENV });
  const request: ExportRequest = { campaignId: '1', prospects: [{ email: 'ann@example.com' }], force: false };
  const result: ExportResultModel = { total: 1, succeeded: 1, failed: 0, duplicates: 0, errors: [] };
  const signal = new AbortController().signal;

  it('scopes keys by caller: two callers using the same key never share an outcome', async () => {
    const exports = new IdempotentExports(new MemoryIdempotencyStore<ExportResultModel>(), config);
    let runs = 0;
    const work = async () => {
      runs += 1;
      return result;
    };
    await exports.forRequest({ callerId: 'alice', headerKey: 'k-1', signal }).run(undefined, request, work);
    await exports.forRequest({ callerId: 'bob', headerKey: 'k-1', signal }).run(undefined, request, work);
    await exports.forRequest({ callerId: 'alice', headerKey: undefined, signal }).run('k-1', request, work);
    expect(runs).toBe(2);
  });

  it('fingerprints the validated input: the same prospects again replay, a changed one is refused', async () => {
    const exports = new IdempotentExports(new MemoryIdempotencyStore<ExportResultModel>(), config);
    const forAlice = exports.forRequest({ callerId: 'alice', headerKey: 'k-2', signal });
    await forAlice.run(undefined, request, async () => result);
    await expect(forAlice.run(undefined, { ...request, prospects: [{ email: 'ann@example.com' }] }, async () => result)).resolves.toBe(result);
    const changed = { ...request, force: true };
    await expect(forAlice.run(undefined, changed, async () => result)).rejects.toMatchObject({
      message: 'This Idempotency-Key was already used for a different export.',
    });
  });

  it('without a key just runs the export, touching no store', async () => {
    const store = new MemoryIdempotencyStore<ExportResultModel>();
    store.claim = () => Promise.reject(new Error('must not be asked'));
    const exports = new IdempotentExports(store, config);
    await expect(exports.forRequest({ callerId: 'alice', headerKey: undefined, signal }).run(null, request, async () => result)).resolves.toBe(result);
  });
});
