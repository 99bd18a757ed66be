import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { startRedisServer, type RedisServer } from '../../testing/redis-server';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import type { RedisConnection } from '../connection';
import { redisRateLimitStore } from '../rate-limit-store';

/** A limiter as graphql-rate-limit-directive builds one from the store: 2 points per minute. */
function limiter(connection: RedisConnection, prefix: string): RateLimiterAbstract {
  const { limiterClass, limiterOptions } = redisRateLimitStore(connection.client, prefix);
  const Limiter = limiterClass as unknown as new (options: object) => RateLimiterAbstract;
  return new Limiter({ ...limiterOptions, keyPrefix: `${prefix}rl:calls`, points: 2, duration: 60 });
}

/** Resolves true when the call is allowed, false when it is over the limit; rethrows anything else. */
const allowed = (rl: RateLimiterAbstract, key: string) =>
  rl.consume(key).then(
    () => true,
    (outcome: unknown) => {
      if (outcome instanceof RateLimiterRes) return false;
      throw outcome;
    },
  );

describeWithRedis('Redis rate-limit store', () => {
  const connections: RedisConnection[] = [];
  let server: RedisServer | undefined;
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await server?.stop();
  });

  it('counts one client across instances (two connections, one budget)', async () => {
    connections.push(await connectForTest(), await connectForTest());
    const prefix = uniquePrefix('rl');
    const [here, there] = connections.map((c) => limiter(c, prefix));
    expect(await allowed(here!, 'alice:Mutation.generateContent')).toBe(true);
    expect(await allowed(there!, 'alice:Mutation.generateContent')).toBe(true);
    expect(await allowed(here!, 'alice:Mutation.generateContent')).toBe(false);
    expect(await allowed(there!, 'bob:Mutation.generateContent')).toBe(true);
  });

  it('degrades to a per-instance limit when Redis is down, instead of failing the request', async () => {
    server = await startRedisServer();
    const connection = await connectForTest(server.url);
    connections.push(connection);
    const rl = limiter(connection, uniquePrefix('rl'));
    await server.stop();
    expect(await allowed(rl, 'alice:read')).toBe(true);
    expect(await allowed(rl, 'alice:read')).toBe(true);
    expect(await allowed(rl, 'alice:read')).toBe(false);
  });
});
