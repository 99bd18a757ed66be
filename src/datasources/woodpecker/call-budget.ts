/**
 * One caller's allowance of Woodpecker calls. The data source charges it where it is about to issue a call (not
 * for a cache hit, nor for joining a load another request started), so a client's limit counts the upstream
 * work it causes, not the fields it asks for. `charge` rejects with RATE_LIMITED when nothing is left.
 */
export interface WoodpeckerCallBudget {
  charge(): Promise<void>;
}
