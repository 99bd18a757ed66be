import { RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../auth/caller';
import type { WoodpeckerCallBudget } from '../../datasources/woodpecker/call-budget';
import { rateLimited, type RateLimitEvents, type RateLimitStore } from './rate-limit';

/** The metrics label of these rejections: they are about the upstream calls, not one GraphQL field. */
const FIELD_LABEL = 'woodpecker_calls';

type LimiterConstructor = new (options: IRateLimiterOptions) => RateLimiterAbstract;

/**
 * Every caller's Woodpecker calls per minute (RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE), in the same store as the
 * other per-client limits (memory, or Redis shared by every instance). Woodpecker is one lane, one request at a
 * time per key, shared by all clients; the default leaves one client well below that lane's budget.
 */
export class WoodpeckerCallBudgets {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    store: RateLimitStore,
    callsPerMinute: number,
    private readonly events: RateLimitEvents = {},
  ) {
    // The store's class is one of rate-limiter-flexible's concrete limiters; its type is the abstract base.
    const Limiter = store.limiterClass as unknown as LimiterConstructor;
    const keyPrefix = `${store.limiterOptions.keyPrefix ?? ''}rl:woodpecker-calls`;
    this.limiter = new Limiter({ ...store.limiterOptions, keyPrefix, points: callsPerMinute, duration: 60 });
  }

  forCaller(caller: Caller): WoodpeckerCallBudget {
    return {
      charge: async () => {
        try {
          await this.limiter.consume(caller.id, 1);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          this.events.onRejected?.(FIELD_LABEL, caller);
          throw rateLimited(refusal, 'Woodpecker reads');
        }
      },
    };
  }
}
