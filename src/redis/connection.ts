import Redis from 'ioredis';
import type { ReadinessCheck } from '../http/health';
import { logger } from '../logging/logger';
import { registerSecret } from '../logging/redact';

const log = logger.child({ component: 'redis' });

/** Reconnect delays grow by this step up to the cap: a restarted Redis is picked up within ~2 s, never given up on. */
const RECONNECT_STEP_MS = 200;
const RECONNECT_MAX_MS = 2_000;
/** A command without a reply by then fails: a stalled Redis must not stall requests (every caller degrades or refuses). */
const COMMAND_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;

export interface RedisConnection {
  /** Fails fast while disconnected: no offline queue, no retries of sent commands. */
  readonly client: Redis;
  /** The key prefix every shared state uses (REDIS_PREFIX). */
  readonly prefix: string;
  /** `/readyz`: "ok" only while connected and answering PING, else the reason code "unreachable". */
  readonly readiness: ReadinessCheck;
  close(): Promise<void>;
}

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`: the only form of the URL that is logged. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

function registerUrlSecrets(url: string): void {
  try {
    const { password, username } = new URL(url);
    registerSecret(decodeURIComponent(password));
    // A URL with only a user part (redis://token@host) carries the secret there.
    if (!password) registerSecret(decodeURIComponent(username));
  } catch {
    // Not a URL: ioredis will refuse it and the error is logged without it.
  }
}

/**
 * One ioredis client for every shared state (gates, rate limits, cache, idempotency). Options chosen for
 * a dependency that may vanish at any time:
 * - `enableOfflineQueue: false`: while disconnected, commands fail at once instead of piling up in memory
 *   and firing late (a queued gate acquire granted 30 s later would be worse than a refusal);
 * - `maxRetriesPerRequest: 0`: a command in flight when the connection drops fails instead of being re-sent
 *   on reconnect. The gate scripts are not idempotent (a re-sent acquire would reserve twice);
 * - `retryStrategy` never returns null: reconnecting forever is how the process recovers without a restart;
 * - `lazyConnect: false`: the server starts even when Redis is down; `/readyz` reports it until it is back.
 */
export function connectRedis(options: { url: string; prefix: string }): RedisConnection {
  registerUrlSecrets(options.url);
  const where = describeRedisUrl(options.url);
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_MS),
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectionName: 'outreach-bff',
    // On close, a socket to an unreachable server is destroyed after this instead of ioredis's 2 s.
    disconnectTimeout: 200,
  });

  /** Set by the first error since the connection was last ready, so an outage is logged once. */
  let inOutage = false;
  let everReady = false;
  // Without an 'error' listener ioredis prints every failed reconnect to the console. One line per outage.
  client.on('error', (error: Error) => {
    if (!inOutage) {
      log.error('Redis unreachable: upstream calls are refused and caches fall back until it is back', {
        redis: where,
        error: error.message,
      });
    }
    inOutage = true;
  });
  client.on('ready', () => {
    log.info(everReady ? 'Redis reachable again' : 'Redis connected', { redis: where });
    inOutage = false;
    everReady = true;
  });

  const readiness: ReadinessCheck = {
    name: 'redis',
    async check() {
      // The cause was logged when the connection was lost (the 'error' listener above); /readyz shows a code.
      if (client.status !== 'ready') return { ok: false, reason: 'unreachable' };
      try {
        await client.ping();
        return { ok: true };
      } catch (error) {
        log.warn('Redis did not answer a readiness PING', { redis: where, error: (error as Error).message });
        return { ok: false, reason: 'unreachable' };
      }
    },
  };

  return {
    client,
    prefix: options.prefix,
    readiness,
    async close() {
      // QUIT lets replies already on the wire (e.g. the last lease releases) arrive; a dead link is just dropped.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
