import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../auth/caller';
import type { WoodpeckerCallBudget } from '../../datasources/woodpecker/call-budget';
import { perMinuteLimiter, rateLimited, type RateLimitEvents, type RateLimitStore } from './rate-limit';

/** The metrics label of these rejections: they are about the upstream calls, not one GraphQL field. */
const FIELD_LABEL = 'woodpecker_calls';

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
    this.limiter = perMinuteLimiter(store, 'woodpecker-calls', callsPerMinute);
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
