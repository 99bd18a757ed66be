import { randomUUID } from 'node:crypto';

/** What `claim` found under a key. */
export type ClaimResult<T> =
  /** The key was free: this caller runs the operation and holds the claim until it completes or releases. */
  | { state: 'claimed'; token: string }
  /** Another call (here or on another instance) is running the operation with this key. */
  | { state: 'running'; fingerprint: string; retryInMs: number }
  /** The operation finished with this outcome, which repeats replay. */
  | { state: 'done'; fingerprint: string; result: T };

/**
 * Outcomes of operations by idempotency key. Memory for one instance; Redis when several share the keys.
 * Claims and outcomes expire: a claim by its TTL (so an instance that died mid-operation cannot block the
 * key forever), an outcome by the retention period. Tokens fence claims: only the current holder may
 * complete or release one, so a holder that outlived its claim cannot overwrite a newer holder's.
 */
export interface IdempotencyStore<T> {
  /** Atomically: claims a free key for `fingerprint`, or reports what the key holds. */
  claim(key: string, fingerprint: string, claimTtlMs: number): Promise<ClaimResult<T>>;
  /** Stores the outcome for `ttlMs`, if `token` still holds the claim. */
  complete(key: string, token: string, result: T, ttlMs: number): Promise<void>;
  /** Frees the claim without an outcome, so the same key can be retried. */
  release(key: string, token: string): Promise<void>;
}

interface Entry<T> {
  fingerprint: string;
  token: string;
  result?: T;
  expiresAt: number;
}

/** Expired entries are swept at most this often (each entry would otherwise stay until its key is reused). */
const SWEEP_INTERVAL_MS = 60_000;

export class MemoryIdempotencyStore<T> implements IdempotencyStore<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private sweptAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.sweptAt = now();
  }

  async claim(key: string, fingerprint: string, claimTtlMs: number): Promise<ClaimResult<T>> {
    const now = this.now();
    this.sweep(now);
    const entry = this.live(key, now);
    if (!entry) {
      const token = randomUUID();
      this.entries.set(key, { fingerprint, token, expiresAt: now + claimTtlMs });
      return { state: 'claimed', token };
    }
    if (entry.result !== undefined) return { state: 'done', fingerprint: entry.fingerprint, result: entry.result };
    return { state: 'running', fingerprint: entry.fingerprint, retryInMs: entry.expiresAt - now };
  }

  async complete(key: string, token: string, result: T, ttlMs: number): Promise<void> {
    const now = this.now();
    const entry = this.live(key, now);
    if (entry?.token !== token || entry.result !== undefined) return;
    Object.assign(entry, { result, expiresAt: now + ttlMs });
  }

  async release(key: string, token: string): Promise<void> {
    const entry = this.live(key, this.now());
    if (entry?.token === token && entry.result === undefined) this.entries.delete(key);
  }

  private live(key: string, now: number): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return;
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
