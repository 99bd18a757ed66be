import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterRedisOptions } from 'rate-limiter-flexible';

/**
 * RateLimiterRedis with a per-process RateLimiterMemory of the same shape as its insurance. Decision: when
 * Redis fails, per-client limits degrade to per-instance limits (a client may get N× its limit across N
 * instances) rather than failing every request. These limits are about fairness between clients; the
 * upstream quotas, which must never be exceeded, are guarded by the upstream gate, which fails closed.
 * The directive builds one limiter per distinct limit, so the insurance is built here, to match each one.
 */
class RateLimiterRedisWithLocalFallback extends RateLimiterRedis {
  constructor(options: IRateLimiterRedisOptions) {
    super({
      ...options,
      insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.duration, keyPrefix: options.keyPrefix }),
    });
  }
}

/** Per-client limits shared by every instance: keys `<prefix>rl:calls:<caller>:<field>` (fixed windows, PX expiry). */
export function redisRateLimitStore(client: Redis, prefix: string) {
  const limiterOptions = {
    storeClient: client,
    keyPrefix: prefix,
    // Straight to the insurance limiter while disconnected, without waiting for a command to fail.
    rejectIfRedisNotReady: true,
  };
  return { limiterClass: RateLimiterRedisWithLocalFallback, limiterOptions };
}
