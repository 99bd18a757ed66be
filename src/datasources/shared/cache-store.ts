/**
 * Where cached values live: in memory for one instance, or in Redis (`src/redis/`) when instances share them.
 * A cache is an optimisation: implementations answer a failure as a miss and a lost write.
 */
export interface CacheStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The instance's own store: each entry expires after its TTL (a TTL of 0 stores nothing), and beyond `maxEntries`
 * the least recently used goes first (a Map keeps insertion order: a read moves the entry to the end).
 */
export class MemoryCacheStore<T> implements CacheStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = Infinity,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve(undefined);
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return Promise.resolve(undefined);
    }
    // Recency only matters to a bounded store (and this is the cached read's hot path).
    if (this.maxEntries !== Infinity) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return Promise.resolve(entry.value);
  }

  set(key: string, value: T, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return Promise.resolve();
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}
