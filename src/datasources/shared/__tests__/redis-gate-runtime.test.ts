import { ErrorCode } from '../../../errors';
import type { RedisConnection } from '../../../redis/connection';
import { startRedisServer, type RedisServer } from '../../../testing/redis-server';
import { connectForTest, describeWithRedis, uniquePrefix, whenReady } from '../../../testing/redis-suite';
import type { GateLimits } from '../gate/gate-store';
import { RedisGateStore } from '../gate/redis-gate-store';
import { bffRejection, call, captureLogs, deadline, deferred, failure, runtime, sleep } from './support/fakes';

captureLogs();

/** Two "instances": two upstream runtimes (own queue, own Redis connection) over one gate in Redis. */
describeWithRedis('upstream runtimes sharing a Redis gate', () => {
  const connections: RedisConnection[] = [];
  afterAll(() => Promise.all(connections.map((c) => c.close())));

  async function instances(limits: GateLimits, count = 2, connect = () => connectForTest()) {
    const prefix = uniquePrefix('runtime');
    return Promise.all(
      Array.from({ length: count }, async () => {
        const connection = await connect();
        connections.push(connection);
        const store = new RedisGateStore({ client: connection.client, prefix, upstream: 'woodpecker', apiKey: 'wp-key', limits });
        return runtime({ name: 'woodpecker', displayName: 'Woodpecker', limits, store });
      }),
    );
  }

  it('never runs two attempts at once across instances with concurrency 1', async () => {
    const runtimes = await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 });
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
    const runtimes = await instances({ maxConcurrency: 20, budgets: { requests: capacity }, windowMs });
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

  it('pauses every instance when one is told to retry after a delay', async () => {
    const [first, second] = await instances({ maxConcurrency: 4, budgets: {}, windowMs: 60_000 });
    let attempts = 0;
    const throttledOnce = call(async () => {
      attempts += 1;
      if (attempts === 1) throw failure('rate_limited', { retryAfterMs: 400, status: 429 });
      return 'ok';
    });
    const firstCall = first!.execute(throttledOnce, deadline(5_000));
    await sleep(50); // the 429 has been seen and the pause stored
    const started = Date.now();
    let secondRanAt = 0;
    await second!.execute(call(async () => void (secondRanAt = Date.now())), deadline(5_000));
    expect(secondRanAt - started).toBeGreaterThanOrEqual(300);
    await expect(firstCall).resolves.toBe('ok');
  });

  it('releases the leases it holds on close, so other instances do not wait for the TTL', async () => {
    const [closing, other] = await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 });
    const hold = deferred();
    const inFlight = closing!.execute(call(() => hold.promise), deadline(20_000)).catch(() => undefined);
    await sleep(50); // granted: the only slot is leased (TTL: attempt timeout + 5 s)
    const waiting = other!.execute(call(async () => Date.now()), deadline(5_000));
    await sleep(100);
    const closedAt = Date.now();
    await closing!.close();
    expect((await waiting) - closedAt).toBeLessThan(1_000);
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
      const [gate] = await instances({ maxConcurrency: 1, budgets: {}, windowMs: 60_000 }, 1, () => connectForTest(server.url));
      const connection = connections[connections.length - 1]!;
      await expect(gate!.execute(call(async () => 'before'), deadline(2_000))).resolves.toBe('before');

      await server.stop();
      let ran = false;
      const started = Date.now();
      const error = await bffRejection(gate!.execute(call(async () => void (ran = true)), deadline(5_000)));
      expect(error.code).toBe(ErrorCode.UPSTREAM_BUSY);
      expect(error.retryAfterSeconds).toBe(1);
      expect(ran).toBe(false); // never sent unguarded
      expect(Date.now() - started).toBeLessThan(1_500); // fails fast: no offline queue

      server = await startRedisServer(server.port);
      await whenReady(connection.client, 5_000);
      await expect(gate!.execute(call(async () => 'after'), deadline(2_000))).resolves.toBe('after');
    });
  });
});
