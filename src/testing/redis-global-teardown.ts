import type { RedisServer } from './redis-server';
import { RUNNING } from './redis-global-setup';

/** Stops the throwaway redis-server the global setup started, if it started one. */
export default async function redisGlobalTeardown(): Promise<void> {
  await (globalThis as typeof globalThis & { [RUNNING]?: RedisServer })[RUNNING]?.stop();
}
