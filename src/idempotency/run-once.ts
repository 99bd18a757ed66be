import { abortableSleep } from '../datasources/shared/abortable-sleep';
import { badInput, BffError, ErrorCode } from '../errors';
import { describeError, logger } from '../logging/logger';
import type { ClaimResult, IdempotencyStore } from './idempotency-store';

const log = logger.child({ component: 'idempotency' });

/** A repeat waiting for the first call polls the store, quickly at first (most operations are short). */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;
/** The store is unreachable: as the upstream gate does, refuse with a short retry hint. */
const STORE_DOWN_RETRY_SECONDS = 1;

export interface OnceOptions {
  /** Already scoped to the caller (fingerprint.ts scopedKey). */
  key: string;
  /** The input field or header the key came from, named in BAD_USER_INPUT. */
  field: string;
  fingerprint: string;
  /** What the operation is, for messages: "export". */
  what: string;
  /** How long the outcome is replayed (IDEMPOTENCY_TTL_SECONDS). */
  retentionMs: number;
  /** How long a claim lasts, and so how long a repeat waits for it: the operation's deadline plus a margin. */
  claimTtlMs: number;
  /** The client going away stops a repeat from waiting. */
  signal: AbortSignal;
}

/**
 * Runs `work` at most once per key, on every instance sharing the store:
 * - the first call claims the key, runs, and stores the outcome (a returned value, partial results
 *   included). A thrown error is NOT stored: the claim is released so the client can retry with the same key;
 * - a repeat with the same input replays the outcome; with a different input it is refused (as Stripe does);
 * - a repeat while the first still runs waits for it, at most as long as the claim can last. If the first
 *   fails or its instance dies, the claim is released or expires and the waiting repeat runs the work itself.
 * When the store is unreachable the call is refused (UPSTREAM_BUSY), never run unguarded.
 */
export async function runOnce<T>(store: IdempotencyStore<T>, options: OnceOptions, work: () => Promise<T>): Promise<T> {
  const waitUntil = Date.now() + options.claimTtlMs;
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(2 * pollMs, MAX_POLL_MS)) {
    const found = await claim(store, options);
    if (found.state === 'claimed') return runClaimed(store, options, found.token, work);
    if (found.fingerprint !== options.fingerprint) {
      throw badInput(`This Idempotency-Key was already used for a different ${options.what}.`, [options.field]);
    }
    if (found.state === 'done') return found.result;
    if (Date.now() + pollMs > waitUntil) {
      const message = `The first ${options.what} with this Idempotency-Key is still running; try again shortly.`;
      throw new BffError(ErrorCode.UPSTREAM_BUSY, message, { retryAfterSeconds: Math.max(1, found.retryInMs / 1000) });
    }
    await abortableSleep(pollMs, options.signal).catch(() => {
      throw new BffError(ErrorCode.UPSTREAM_TIMEOUT, `The request was cancelled while the ${options.what} was still running.`);
    });
  }
}

async function claim<T>(store: IdempotencyStore<T>, options: OnceOptions): Promise<ClaimResult<T>> {
  try {
    return await store.claim(options.key, options.fingerprint, options.claimTtlMs);
  } catch (error) {
    log.warn('idempotency store unavailable: refusing the call', { error: describeError(error) });
    throw new BffError(
      ErrorCode.UPSTREAM_BUSY,
      `The ${options.what} cannot be checked for repeats right now; try again in ${STORE_DOWN_RETRY_SECONDS} second.`,
      { retryAfterSeconds: STORE_DOWN_RETRY_SECONDS, cause: error },
    );
  }
}

async function runClaimed<T>(store: IdempotencyStore<T>, options: OnceOptions, token: string, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await store.release(options.key, token).catch((releaseError: unknown) =>
      // The claim then expires by its TTL; until then repeats wait or are told to come back.
      log.warn('idempotency claim not released', { error: describeError(releaseError) }),
    );
    throw error;
  }
  await store.complete(options.key, token, result, options.retentionMs).catch((completeError: unknown) =>
    // The work is done and its result goes to this caller; a repeat after the claim expires would run it again.
    log.error('idempotent outcome not stored', { error: describeError(completeError) }),
  );
  return result;
}
