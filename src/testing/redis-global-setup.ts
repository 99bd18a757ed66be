import Redis from 'ioredis';
import { redisServerInstalled, startRedisServer, type RedisServer } from './redis-server';

/** Handed to the teardown (same process). */
export const RUNNING = Symbol.for('outreach-bff.test-redis');
type WithRedis = typeof globalThis & { [RUNNING]?: RedisServer };

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Decides once per `jest` run whether the Redis suite runs: it needs `redis-server` on PATH (some tests
 * stop and restart their own instance). REDIS_TEST_URL names a shared instance (`.ci/run` starts one);
 * without it a throwaway one is started here. REQUIRE_REDIS_TESTS=1 turns "cannot run" into a failure.
 * Test files read only REDIS_TEST_URL (set = run), which the workers inherit from this process.
 */
export default async function redisGlobalSetup(): Promise<void> {
  const required = process.env.REQUIRE_REDIS_TESTS === '1';
  if (!redisServerInstalled()) {
    delete process.env.REDIS_TEST_URL;
    if (required) throw new Error('REQUIRE_REDIS_TESTS=1 but redis-server is not on PATH (apt-get install redis-server)');
    process.stdout.write('\nRedis suite skipped: redis-server is not on PATH (install it to run the shared-state and scale-out tests).\n');
    return;
  }
  const given = process.env.REDIS_TEST_URL;
  if (given) {
    if (!(await answers(given))) throw new Error(`REDIS_TEST_URL is set but Redis does not answer PING there (${new URL(given).host})`);
    return;
  }
  const server = await startRedisServer();
  (globalThis as WithRedis)[RUNNING] = server;
  process.env.REDIS_TEST_URL = server.url;
}
