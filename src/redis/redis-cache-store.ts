import type Redis from 'ioredis';
import type { CacheStore } from '../datasources/shared/cache-store';
import { logger } from '../logging/logger';

const log = logger.child({ component: 'redis-cache' });

/**
 * A cache shared by every instance: JSON values with `PX` expiry under `namespace`. A cache is an
 * optimisation, so a Redis failure is a miss (the caller loads from the upstream) and a lost write, never
 * an error. The outage itself is logged once by the connection; each miss only at debug level.
 */
export class RedisCacheStore<T> implements CacheStore<T> {
  constructor(
    private readonly client: Redis,
    private readonly namespace: string,
  ) {}

  async get(key: string): Promise<T | undefined> {
    try {
      const raw = await this.client.get(this.namespace + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch (error) {
      log.debug('shared cache read failed: treated as a miss', { key, error: (error as Error).message });
      return undefined;
    }
  }

  async set(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    try {
      await this.client.set(this.namespace + key, JSON.stringify(value), 'PX', ttlMs);
    } catch (error) {
      log.debug('shared cache write failed: the value is not cached', { key, error: (error as Error).message });
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.del(this.namespace + key);
    } catch (error) {
      // The entry then lives until its TTL; the campaign list is allowed to be that stale anyway.
      log.warn('shared cache invalidation failed: the entry expires by its TTL', { key, error: (error as Error).message });
    }
  }
}
