import { abortableSleep } from '../datasources/shared/abortable-sleep';
import { badInput, BffError, ErrorCode } from '../errors';
import { describeError, logger } from '../logging/logger';
import type { ClaimResult, ClaimTimes, IdempotencyStore, Steps } from './idempotency-store';

const log = logger.child({ component: 'idempotency' });

/** A repeat waiting for the first call polls the store, quickly at first (most operations are short). */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;
/** The store is unreachable: as the upstream gate does, refuse with a short retry hint. */
const STORE_DOWN_RETRY_SECONDS = 1;

/** Time as runOnce sees it; tests drive it instead of waiting. */
export interface OnceClock {
  now(): number;
  /** Resolves after `ms`, rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: OnceClock = { now: Date.now, sleep: abortableSleep };

export interface OnceOptions {
  /** Already scoped to the caller (fingerprint.ts scopedKey). */
  key: string;
  /** The input field or header the key came from, named in BAD_USER_INPUT. */
  field: string;
  fingerprint: string;
  /** What the operation is, for messages: "export". */
  what: string;
  times: ClaimTimes;
  /** How long a repeat waits for a running holder before it answers "still running". */
  maxWaitMs: number;
  /** The caller's connection: its end stops a repeat from waiting, never the run itself. */
  signal: AbortSignal;
  clock?: OnceClock;
}

/** The holder's view of its key: what earlier tries recorded, and where it records its own steps. */
export interface Journal<S> {
  readonly steps: Steps<S>;
  /** Throws a BffError when the step cannot be kept (the store is down, or another call holds the key now). */
  record(step: string, value: S): Promise<void>;
}

export interface OnceWork<S, T> {
  /** Runs the operation, resuming from `journal.steps`. Only a `complete` result is the key's outcome. */
  run(journal: Journal<S>, signal: AbortSignal): Promise<{ result: T; complete: boolean }>;
  /** The outcome of a completed key, from its steps, without running anything. */
  replay(steps: Steps<S>): Promise<T>;
  /** Starts the claimed run detached from the caller, who only awaits it; `signal` is the process's stop. */
  detach<R>(task: (signal: AbortSignal) => Promise<R>): Promise<R>;
}

/**
 * Runs an operation at most once per key to completion, on every instance sharing the store:
 * - the first call claims the key and runs, detached from its caller: a caller that leaves does not stop it.
 *   Its steps are recorded as it goes. A complete result makes the key done; anything else (a partial
 *   result, a thrown error, a stop by the drain) releases the claim and keeps the steps;
 * - the next call with the same input then resumes from those steps; a repeat of a done key replays its
 *   outcome from them; a repeat while a call holds the key waits for it, then replays or resumes (also when
 *   the holder died: its claim lapses unless renewed). The same key with another input is refused;
 * - the claim is renewed while its holder works, so it can be short: a dead holder frees the key soon.
 * When the store is unreachable the call is refused (UPSTREAM_BUSY), never run unguarded.
 */
export async function runOnce<S, T>(store: IdempotencyStore<S>, options: OnceOptions, work: OnceWork<S, T>): Promise<T> {
  const clock = options.clock ?? realClock;
  const waitUntil = clock.now() + options.maxWaitMs;
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(2 * pollMs, MAX_POLL_MS)) {
    const found = await claim(store, options);
    switch (found.state) {
      case 'claimed':
        return work.detach((signal) => runClaimed(store, options, found, work, signal));
      case 'done':
        return work.replay(found.steps);
      case 'mismatch':
        throw badInput(`This Idempotency-Key was already used for a different ${options.what}.`, [options.field]);
      case 'full':
        throw new BffError(ErrorCode.UPSTREAM_BUSY, `Too many ${options.what}s are running right now; try again shortly.`, {
          retryAfterSeconds: Math.max(1, found.retryInMs / 1000),
        });
      case 'running':
        if (clock.now() + pollMs > waitUntil) {
          const message = `The first ${options.what} with this Idempotency-Key is still running; try again shortly.`;
          throw new BffError(ErrorCode.UPSTREAM_BUSY, message, { retryAfterSeconds: Math.max(1, found.retryInMs / 1000) });
        }
        await clock.sleep(pollMs, options.signal).catch(() => {
          throw new BffError(ErrorCode.UPSTREAM_TIMEOUT, `The request was cancelled while the ${options.what} was still running.`);
        });
    }
  }
}

async function claim<S>(store: IdempotencyStore<S>, options: OnceOptions): Promise<ClaimResult<S>> {
  try {
    return await store.claim(options.key, options.fingerprint, options.times);
  } catch (error) {
    log.warn('idempotency store unavailable: refusing the call', { error: describeError(error) });
    throw storeDown(options, error);
  }
}

function storeDown(options: OnceOptions, cause: unknown): BffError {
  return new BffError(
    ErrorCode.UPSTREAM_BUSY,
    `The ${options.what} cannot be checked for repeats right now; try again in ${STORE_DOWN_RETRY_SECONDS} second.`,
    { retryAfterSeconds: STORE_DOWN_RETRY_SECONDS, cause },
  );
}

async function runClaimed<S, T>(
  store: IdempotencyStore<S>,
  options: OnceOptions,
  claimed: { token: string; steps: Steps<S> },
  work: OnceWork<S, T>,
  signal: AbortSignal,
): Promise<T> {
  const { key, times } = options;
  const { token } = claimed;
  const stopRenewing = keepClaim(store, key, token, times);
  const journal: Journal<S> = {
    steps: claimed.steps,
    record: async (step, value) => {
      const stored = await store.record(key, token, step, value, times).catch((error: unknown) => {
        throw storeDown(options, error);
      });
      if (stored === 'lost') {
        throw new BffError(ErrorCode.UPSTREAM_BUSY, `Another request with this Idempotency-Key is continuing the ${options.what}; try again shortly.`, {
          retryAfterSeconds: 1,
        });
      }
      if (stored === 'too_large') {
        log.error('idempotency record over its size cap: the operation stops here', { step });
        throw new BffError(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; please contact support.');
      }
    },
  };
  let outcome: { result: T; complete: boolean };
  try {
    outcome = await work.run(journal, signal);
  } catch (error) {
    stopRenewing();
    await release(store, key, token);
    throw error;
  }
  stopRenewing();
  if (outcome.complete) {
    // If this fails, the claim lapses with every step recorded: the next call resumes with nothing to send.
    await store.complete(key, token, times).catch((error: unknown) => log.error('idempotent outcome not stored', { error: describeError(error) }));
  } else {
    await release(store, key, token);
  }
  return outcome.result;
}

function release<S>(store: IdempotencyStore<S>, key: string, token: string): Promise<void> {
  // If this fails, the claim lapses by its TTL; until then repeats wait or are told to come back.
  return store.release(key, token).catch((error: unknown) => {
    log.warn('idempotency claim not released', { error: describeError(error) });
  });
}

/** Renews the claim every third of its TTL while the holder works; returns the function that stops it. */
function keepClaim<S>(store: IdempotencyStore<S>, key: string, token: string, times: ClaimTimes): () => void {
  const timer = setInterval(() => {
    store.renew(key, token, times).then(
      (held) => {
        if (!held) log.warn('idempotency claim lost: another call took the key over');
      },
      (error: unknown) => log.warn('idempotency claim not renewed', { error: describeError(error) }),
    );
  }, times.claimTtlMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}
