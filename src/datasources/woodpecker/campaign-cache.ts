import type { CampaignModel } from './models';

/**
 * Where cached values live. In memory for one instance; a Redis implementation (JSON values, `PX` expiry)
 * can replace it when several instances should share one campaign list.
 */
export interface CacheStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryCacheStore<T> implements CacheStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAt > this.now()) return Promise.resolve(entry?.value);
    this.entries.delete(key);
    return Promise.resolve(undefined);
  }

  set(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs > 0) this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}

const KEY = 'woodpecker:campaign_list';

/**
 * Newest first; campaigns without a creation time last, then by id descending (ids grow over time).
 * `createdAt` is normalised ISO 8601 in UTC, so string order is time order.
 */
function newestFirst(a: CampaignModel, b: CampaignModel): number {
  const [newer, older] = [b.createdAt ?? '', a.createdAt ?? ''];
  if (newer !== older) return newer > older ? 1 : -1;
  return Number(b.id) - Number(a.id);
}

/**
 * The process-wide campaign list: Woodpecker has no paging or by-ids lookup worth the calls, so the whole list
 * is cached once (Phase 1 did the same, 5 minutes) and every filter or id join happens in memory. Concurrent
 * cold reads share one load, so a burst of requests costs one upstream call.
 */
export class CampaignCache {
  private loading: Promise<CampaignModel[]> | undefined;

  constructor(
    private readonly store: CacheStore<CampaignModel[]>,
    private readonly ttlMs: number,
  ) {}

  /**
   * The full list, newest first. `forceRefresh` skips the cached copy but joins a load already under way
   * instead of queueing a second call behind Woodpecker's one-at-a-time gate: that answer is at most one
   * round trip old.
   */
  async all(load: () => Promise<CampaignModel[]>, options: { forceRefresh?: boolean } = {}): Promise<CampaignModel[]> {
    if (!options.forceRefresh) {
      const cached = await this.store.get(KEY);
      if (cached) return cached;
    }
    this.loading ??= this.refresh(load);
    return this.loading;
  }

  invalidate(): Promise<void> {
    return this.store.delete(KEY);
  }

  private async refresh(load: () => Promise<CampaignModel[]>): Promise<CampaignModel[]> {
    try {
      const campaigns = [...(await load())].sort(newestFirst);
      await this.store.set(KEY, campaigns, this.ttlMs);
      return campaigns;
    } finally {
      this.loading = undefined;
    }
  }
}
