import { once } from 'node:events';
import type Redis from 'ioredis';
import { configureLogger } from '../logging/logger';
import { connectRedis, type RedisConnection } from '../redis/connection';

/** Set by the global setup when the Redis suite runs (see redis-global-setup.ts). */
export const redisTestUrl = process.env.REDIS_TEST_URL ?? '';

/** `describe` when the Redis suite runs, `describe.skip` otherwise (the setup printed why, once). */
export const describeWithRedis = redisTestUrl ? describe : describe.skip;

let counter = 0;

/** A key prefix of its own per test, so tests sharing one Redis never see each other's state. */
export function uniquePrefix(label: string): string {
  counter += 1;
  return `test:${label}:${process.pid}:${counter}:`;
}

/** Resolves once the client can take commands (the production client has no offline queue to hide the wait). */
export async function whenReady(client: Redis, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return;
  await once(client, 'ready', { signal: AbortSignal.timeout(timeoutMs) });
}

/** The production connection (same options), connected; logs are kept quiet, as the other harnesses do. */
export async function connectForTest(url = redisTestUrl): Promise<RedisConnection> {
  configureLogger({ level: 'debug', format: 'json', silent: true });
  const connection = connectRedis({ url, prefix: 'unused:' });
  await whenReady(connection.client);
  return connection;
}
