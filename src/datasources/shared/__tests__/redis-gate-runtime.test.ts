import { ErrorCode } from '../../../errors';
import type { RedisConnection } from '../../../redis/connection';
import { startRedisServer, type RedisServer } from '../../../testing/redis-server';
import { connectForTest, describeWithRedis, uniquePrefix, whenReady } from '../../../testing/redis-suite';
import type { Clock } from '../clock';
import type { GateLimits } from '../gate/gate-store';
import { RedisGateStore } from '../gate/redis-gate-store';
import type { UpstreamRuntime } from '../upstream-runtime';
import { bffRejection, call, captureLogs, deadline, deferred, failure, runtime, sleep, TestClock } from './support/fakes';

captureLogs();

/** Records the pauses asked for, in this host's clock (the store re-anchors them on Redis's). */
class RecordingRedisStore extends RedisGateStore {
  readonly pauses: number[] = [];

  override async pauseUntil(untilMs: number): Promise<void> {
    this.pauses.push(untilMs);
    return super.pauseUntil(untilMs);
  }
}

/** Polls (bounded) until the runtime reports the expected queue and slot use. */
async function until(rt: UpstreamRuntime, expected: { inFlight?: number; queued?: number }): Promise<void> {
  const matches = () => Object.entries(expected).every(([key, value]) => rt.status()[key as 'inFlight' | 'queued'] === value);
  for (let i = 0; i < 200 && !matches(); i++) await sleep(5);
  expect(rt.status()).toMatchObject(expected);
}

/** Two "instances": two upstream runtimes (own queue, own Redis connection) over one gate in Redis. */
describeWithRedis('upstream runtimes sharing a Redis gate', () => {
  const connections: RedisConnection[] = [];
  afterAll(() => Promise.all(connections.map((c) => c.close())));

  interface InstanceOptions {
    count?: number;
    connect?: () => Promise<RedisConnection>;
    clock?: Clock;
    leaseTtlMs?: number;
  }

  async function instances(limits: GateLimits, options: InstanceOptions = {}) {
    const prefix = uniquePrefix('runtime');
    const { count = 2, connect = () => connectForTest(), clock, leaseTtlMs = 6_000 } = options;
    return Promise.all(
      Array.from({ length: count }, async () => {
        const connection = await connect();
        connections.push(connection);
        const store = new RecordingRedisStore({ client: connection.client, prefix, upstream: 'woodpecker', apiKey: 'wp-key', limits });
        const rt = runtime({ name: 'woodpecker', displayName: 'Woodpecker', limits, store, clock, resilience: { leaseTtlMs } });
        return { rt, store };
      }),
    );
  }

  it('never runs two attempts at once across instances with concurrency 1', async () => {
    const runtimes = (await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 })).map((i) => i.rt);
    let active = 0;
    let maxActive = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        runtimes[i % 2]!.execute(
          call(async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            await sleep(2);
            active -= 1;
            return i;
          }),
          deadline(15_000),
        ),
      ),
    );
    expect(results).toHaveLength(30);
    expect(maxActive).toBe(1);
  });

  it('never admits more across instances in any interval than the bucket holds plus its refill', async () => {
    const capacity = 5;
    const windowMs = 200;
    const runtimes = (await instances({ maxConcurrency: 20, budgets: { requests: capacity }, windowMs })).map((i) => i.rt);
    const startedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => runtimes[i % 2]!.execute(call(async () => void startedAt.push(Date.now())), deadline(10_000))),
    );
    startedAt.sort((a, b) => a - b);
    // Redis grants on its clock; the attempts start here a little later, so allow 5 ms of jitter per interval.
    for (let i = 0; i < startedAt.length; i++) {
      for (let j = i; j < startedAt.length; j++) {
        const allowed = Math.floor(capacity + ((startedAt[j]! - startedAt[i]! + 5) * capacity) / windowMs);
        expect(j - i + 1).toBeLessThanOrEqual(allowed);
      }
    }
    expect(startedAt[14]! - startedAt[0]!).toBeGreaterThanOrEqual(((15 - capacity) * windowMs) / capacity - 5);
  });

  it('pauses every instance when one is told to retry after a delay, until the pause it stored is over', async () => {
    const [first, second] = await instances({ maxConcurrency: 4, budgets: {}, windowMs: 60_000 });
    let attempts = 0;
    const told = deferred();
    const throttledOnce = call(async () => {
      attempts += 1;
      if (attempts > 1) return 'ok';
      told.resolve();
      throw failure('rate_limited', { retryAfterMs: 150, status: 429 });
    });
    const firstCall = first!.rt.execute(throttledOnce, deadline(5_000));
    await told.promise;
    for (let i = 0; i < 200 && first!.store.pauses.length === 0; i++) await sleep(5);
    const [pausedUntil] = first!.store.pauses;
    let secondRanAt = 0;
    await second!.rt.execute(call(async () => void (secondRanAt = Date.now())), deadline(5_000));
    // Redis re-anchored the pause on its own clock (same host here): allow its round trip.
    expect(secondRanAt).toBeGreaterThanOrEqual(pausedUntil! - 20);
    await expect(firstCall).resolves.toBe('ok');
  });

  it('releases the leases it holds on close, so other instances do not wait for the TTL', async () => {
    // A lease far longer than the other instance may queue: only the release can let it in.
    const [closing, other] = await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, { leaseTtlMs: 600_000 });
    const hold = deferred();
    const inFlight = closing!.rt.execute(call(() => hold.promise), deadline(20_000)).catch(() => undefined);
    await until(closing!.rt, { inFlight: 1 });
    const waiting = other!.rt.execute(call(async () => 'got the slot'), deadline(5_000));
    await until(other!.rt, { queued: 1 });
    await closing!.rt.close();
    await expect(waiting).resolves.toBe('got the slot');
    hold.resolve();
    await inFlight;
  });

  describe('when Redis goes away', () => {
    let server: RedisServer;
    afterAll(async () => {
      // Connections first: one still trying to reach a stopped server would keep the worker alive for seconds.
      await Promise.all(connections.splice(0).map((c) => c.close()));
      await server?.stop();
    });

    it('fails closed with UPSTREAM_BUSY and a short retry hint, and recovers by itself when Redis is back', async () => {
      server = await startRedisServer();
      // The runtime's clock stands still: a refusal that arrives at all did not wait on any timer of ours.
      const clock = new TestClock();
      const connect = () => connectForTest(server.url);
      const [instance] = await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, { count: 1, connect, clock });
      const gate = instance!.rt;
      const connection = connections[connections.length - 1]!;
      await expect(gate.execute(call(async () => 'before'), deadline(2_000, undefined, clock))).resolves.toBe('before');

      await server.stop();
      let ran = false;
      const error = await bffRejection(gate.execute(call(async () => void (ran = true)), deadline(5_000, undefined, clock)));
      expect(error.code).toBe(ErrorCode.UPSTREAM_BUSY);
      expect(error.retryAfterSeconds).toBe(1);
      expect(ran).toBe(false); // never sent unguarded

      server = await startRedisServer(server.port);
      await whenReady(connection.client, 5_000);
      await expect(gate.execute(call(async () => 'after'), deadline(2_000, undefined, clock))).resolves.toBe('after');
    });
  });
});
