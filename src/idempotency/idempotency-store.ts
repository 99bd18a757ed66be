import { randomUUID } from 'node:crypto';

/** Steps an operation recorded under its key, by step name (an export: its batches, by first position). */
export type Steps<S> = Readonly<Record<string, S>>;

/** What `claim` found under a key. */
export type ClaimResult<S> =
  /** Free (new, released, or its holder's claim expired): this caller holds it now, with the steps recorded so far. */
  | { state: 'claimed'; token: string; steps: Steps<S> }
  /** A live claim: another call (here or on another instance) is running the operation. */
  | { state: 'running'; retryInMs: number }
  /** The operation completed; its steps describe the outcome a repeat replays. */
  | { state: 'done'; steps: Steps<S> }
  /** The key was used for a different input. */
  | { state: 'mismatch' }
  /** The store holds as many keys as it may and none can be evicted (all are running). */
  | { state: 'full'; retryInMs: number };

/** Whether a step was stored: no longer the holder (`lost`), or over the per-key size cap (`too_large`). */
export type RecordResult = 'ok' | 'lost' | 'too_large';

export interface ClaimTimes {
  /** A claim lapses this long after it was taken or last renewed (a dead holder frees the key by then). */
  claimTtlMs: number;
  /** A key is kept this long after its last change (IDEMPOTENCY_TTL_SECONDS). */
  retentionMs: number;
  /** How long the holder expects to run: the "try again in" of a repeat that stops waiting. */
  etaMs: number;
}

export interface StoreLimits {
  /** Keys kept at most; when full, the oldest key that is not running is evicted for a new one. */
  maxKeys: number;
  /** Recorded steps per key, in bytes of JSON, at most. */
  maxBytesPerKey: number;
}

/**
 * Idempotency records by key: memory for one instance, Redis when several share the keys. A record holds the
 * input's fingerprint, the steps the operation recorded, whether it completed, and at most one claim. The
 * claim is short and renewed while its holder works, so a holder that died frees the key soon; the steps
 * outlive the claim for the retention period, so whoever takes the key next resumes where it stopped. Tokens
 * fence claims: only the current holder records, completes or releases, so a holder that outlived its claim
 * cannot write over a newer holder's. Both stores are bounded in keys and in bytes per key.
 */
export interface IdempotencyStore<S> {
  /** Atomically: claims the key for `fingerprint` (new or free), or reports what it holds. */
  claim(key: string, fingerprint: string, times: ClaimTimes): Promise<ClaimResult<S>>;
  /** Stores (or replaces) one step and renews the claim, if `token` holds it. */
  record(key: string, token: string, step: string, value: S, times: ClaimTimes): Promise<RecordResult>;
  /** Renews the claim (the holder's heartbeat); false when `token` no longer holds it. */
  renew(key: string, token: string, times: ClaimTimes): Promise<boolean>;
  /** Marks the operation completed (its steps are its outcome) and drops the claim. */
  complete(key: string, token: string, times: ClaimTimes): Promise<void>;
  /** Drops the claim without completing; the steps stay for a resume (a key without steps is forgotten). */
  release(key: string, token: string): Promise<void>;
  /** Whether the key is known (claimed, in progress or completed), for any input. */
  known(key: string): Promise<boolean>;
}

interface Entry {
  fingerprint: string;
  claim?: { token: string; until: number; eta: number };
  /** Steps as JSON, as the Redis store keeps them: what is counted against the cap is what is stored. */
  steps: Map<string, string>;
  bytes: number;
  done: boolean;
  expiresAt: number;
}

/** Expired entries are swept at most this often (each would otherwise stay until its key is reused). */
const SWEEP_INTERVAL_MS = 60_000;
/** How many of the oldest keys a full store looks at for one it may evict. */
const EVICTION_CANDIDATES = 10;

function parsed<S>(steps: Map<string, string>): Steps<S> {
  return Object.fromEntries([...steps].map(([name, json]) => [name, JSON.parse(json) as S]));
}

export class MemoryIdempotencyStore<S> implements IdempotencyStore<S> {
  /** In insertion order, so the first entries are the oldest keys. */
  private readonly entries = new Map<string, Entry>();
  private sweptAt: number;

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.sweptAt = now();
  }

  async claim(key: string, fingerprint: string, times: ClaimTimes): Promise<ClaimResult<S>> {
    const now = this.now();
    this.sweep(now);
    let entry = this.live(key, now);
    if (entry && entry.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (entry?.done) return { state: 'done', steps: parsed<S>(entry.steps) };
    if (entry?.claim && entry.claim.until > now) return { state: 'running', retryInMs: Math.max(0, entry.claim.eta - now) };
    if (!entry) {
      const refused = this.makeRoom(now);
      if (refused) return refused;
      entry = { fingerprint, steps: new Map(), bytes: 0, done: false, expiresAt: 0 };
      this.entries.set(key, entry);
    }
    const token = randomUUID();
    Object.assign(entry, { claim: { token, until: now + times.claimTtlMs, eta: now + times.etaMs }, expiresAt: now + times.retentionMs });
    return { state: 'claimed', token, steps: parsed<S>(entry.steps) };
  }

  async record(key: string, token: string, step: string, value: S, times: ClaimTimes): Promise<RecordResult> {
    const now = this.now();
    const entry = this.held(key, token, now);
    if (!entry) return 'lost';
    const json = JSON.stringify(value);
    const bytes = entry.bytes - Buffer.byteLength(entry.steps.get(step) ?? '') + Buffer.byteLength(json);
    if (bytes > this.limits.maxBytesPerKey) return 'too_large';
    entry.steps.set(step, json);
    entry.bytes = bytes;
    this.extend(entry, times, now);
    return 'ok';
  }

  async renew(key: string, token: string, times: ClaimTimes): Promise<boolean> {
    const now = this.now();
    const entry = this.held(key, token, now);
    if (entry) this.extend(entry, times, now);
    return entry !== undefined;
  }

  async complete(key: string, token: string, times: ClaimTimes): Promise<void> {
    const now = this.now();
    const entry = this.held(key, token, now);
    if (!entry) return;
    Object.assign(entry, { done: true, claim: undefined, expiresAt: now + times.retentionMs });
  }

  async release(key: string, token: string): Promise<void> {
    const entry = this.held(key, token, this.now());
    if (!entry) return;
    if (entry.steps.size === 0) this.entries.delete(key);
    else entry.claim = undefined;
  }

  async known(key: string): Promise<boolean> {
    return this.live(key, this.now()) !== undefined;
  }

  private extend(entry: Entry, times: ClaimTimes, now: number): void {
    if (entry.claim) entry.claim.until = now + times.claimTtlMs;
    entry.expiresAt = now + times.retentionMs;
  }

  /** The entry, if `token` holds its claim (expired or not: until someone else claims, it is still ours). */
  private held(key: string, token: string, now: number): Entry | undefined {
    const entry = this.live(key, now);
    return entry && !entry.done && entry.claim?.token === token ? entry : undefined;
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Evicts the oldest key that is not running when the store is full; refuses when all candidates run. */
  private makeRoom(now: number): ClaimResult<S> | undefined {
    if (this.entries.size < this.limits.maxKeys) return undefined;
    let soonestFreeMs = Number.POSITIVE_INFINITY;
    let looked = 0;
    for (const [key, entry] of this.entries) {
      if (looked++ >= EVICTION_CANDIDATES) break;
      const claimedUntil = entry.expiresAt > now ? (entry.claim?.until ?? now) : now;
      if (claimedUntil <= now) {
        this.entries.delete(key);
        return undefined;
      }
      soonestFreeMs = Math.min(soonestFreeMs, claimedUntil - now);
    }
    return { state: 'full', retryInMs: soonestFreeMs };
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return;
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
