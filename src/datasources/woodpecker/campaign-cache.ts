import { recordCampaignListRead } from '../../logging/request-context';
import type { CacheStore } from '../shared/cache-store';
import type { CampaignModel } from './models';

/** `v2`: the entry carries `loadedAt` since the forceRefresh window; an older instance's bare array is not read. */
const KEY = 'woodpecker:campaign_list:v2';

/**
 * A forceRefresh this soon after a load started is answered by that load: a storm of refreshes (a button
 * pressed by everyone, a client in a loop) then costs one Woodpecker call per window, not one per click.
 */
export const FORCE_REFRESH_WINDOW_MS = 5_000;

/** What is stored: the list and when the load that read it started (epoch ms), shared by instances. */
export interface CachedCampaignList {
  campaigns: CampaignModel[];
  loadedAt: number;
}

export interface CampaignReadOptions {
  forceRefresh?: boolean;
  /**
   * Runs before this caller starts a load (never when it is served from the cache or joins a load under way);
   * rejecting fails this caller only and starts nothing. The per-client Woodpecker call budget is charged here.
   */
  beforeLoad?: () => Promise<void>;
}

/**
 * Newest first; campaigns without a creation time last, then by id descending (ids grow over time).
 * `createdAt` is normalised ISO 8601 in UTC, so string order is time order.
 */
function newestFirst(a: CampaignModel, b: CampaignModel): number {
  const [newer, older] = [b.createdAt ?? '', a.createdAt ?? ''];
  if (newer !== older) return newer > older ? 1 : -1;
  return Number(b.id) - Number(a.id);
}

const versionOf = (changes: number, cached: CachedCampaignList): string => `${changes}:${cached.loadedAt}`;

/**
 * The process-wide campaign list: Woodpecker has no paging or by-ids lookup worth the calls, so the whole list
 * is cached once (Phase 1 did the same, 5 minutes) and every filter or id join happens in memory. Concurrent
 * cold reads share one load, so a burst of requests costs one upstream call.
 */
export class CampaignCache {
  private loading: { startedAt: number; promise: Promise<CampaignModel[]> } | undefined;
  /** Bumped by every store and invalidation here; `loadedAt` tells apart lists another instance stored. */
  private changes = 0;

  constructor(
    private readonly store: CacheStore<CachedCampaignList>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The full list, newest first. `forceRefresh` skips a cached copy older than the refresh window, but joins a
   * load already under way instead of queueing a second call behind Woodpecker's one-at-a-time gate: that
   * answer is at most one round trip old.
   */
  async all(load: () => Promise<CampaignModel[]>, options: CampaignReadOptions = {}): Promise<CampaignModel[]> {
    const changes = this.changes;
    const cached = await this.store.get(KEY);
    if (cached && (!options.forceRefresh || this.now() - cached.loadedAt < FORCE_REFRESH_WINDOW_MS)) {
      // A forced refresh must reach the cache again next time, so its answer is never replayed.
      recordCampaignListRead(options.forceRefresh ? null : versionOf(changes, cached));
      return cached.campaigns;
    }
    recordCampaignListRead(null);
    if (!this.loading) await options.beforeLoad?.();
    // Another caller may have started a load while this one was charged: it joins that one.
    this.loading ??= this.refresh(load);
    return this.loading.promise;
  }

  /**
   * Names the list a read would be answered from now; undefined when none is cached (never loaded, expired,
   * invalidated). Any change to the list gives a new version, so an answer built from an older one is stale.
   */
  async version(): Promise<string | undefined> {
    const changes = this.changes;
    const cached = await this.store.get(KEY);
    return cached && versionOf(changes, cached);
  }

  invalidate(): Promise<void> {
    this.changes++;
    return this.store.delete(KEY);
  }

  private refresh(load: () => Promise<CampaignModel[]>): { startedAt: number; promise: Promise<CampaignModel[]> } {
    const startedAt = this.now();
    const read = async (): Promise<CampaignModel[]> => {
      const campaigns = [...(await load())].sort(newestFirst);
      this.changes++;
      await this.store.set(KEY, { campaigns, loadedAt: startedAt }, this.ttlMs);
      return campaigns;
    };
    // `.finally` runs on a later tick, so the entry is in place before it is cleared, even if `load` throws at once.
    const entry = { startedAt, promise: read().finally(() => this.loading === entry && (this.loading = undefined)) };
    return entry;
  }
}
