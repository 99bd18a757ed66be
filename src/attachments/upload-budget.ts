import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../auth/caller';
import { BffError, ErrorCode } from '../errors';

/**
 * Each caller's uploads per minute, in the store of the other per-client limits (memory, or Redis shared by
 * every instance). Charged before the body is read, so a refused upload costs neither memory nor a Claude call.
 */
export class UploadBudget {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly onRejected?: (caller: Caller) => void,
  ) {}

  async charge(caller: Caller): Promise<void> {
    try {
      await this.limiter.consume(caller.id, 1);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      this.onRejected?.(caller);
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new BffError(ErrorCode.RATE_LIMITED, `You have uploaded too many files; try again in ${seconds} seconds.`, {
        retryAfterSeconds: seconds,
      });
    }
  }
}
