import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { ClaimResult, IdempotencyStore } from './idempotency-store';

/**
 * One hash per key: `fp` (the input's fingerprint), `token` (the claim holder), `result` (JSON, once done).
 * Each step is one script, so two instances can never both claim a key, and a holder whose claim expired
 * (and was taken over) can neither complete nor release the new holder's claim.
 */
const CLAIM = `
local f = redis.call('HMGET', KEYS[1], 'fp', 'token', 'result')
if not f[1] then
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'token', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return { 'claimed' }
end
if f[3] then return { 'done', f[1], f[3] } end
return { 'running', f[1], redis.call('PTTL', KEYS[1]) }
`;

const COMPLETE = `
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'result') == 0 then
  redis.call('HSET', KEYS[1], 'result', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 0
`;

const RELEASE = `
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] and redis.call('HEXISTS', KEYS[1], 'result') == 0 then
  redis.call('DEL', KEYS[1])
end
return 0
`;

type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;
type Commands = Record<'bffIdemClaim' | 'bffIdemComplete' | 'bffIdemRelease', Script>;

/** Outcomes shared by every instance, under `<prefix>idem:<scoped key>`; values are JSON. */
export class RedisIdempotencyStore<T> implements IdempotencyStore<T> {
  private readonly commands: Commands;

  constructor(
    client: Redis,
    private readonly prefix: string,
  ) {
    client.defineCommand('bffIdemClaim', { numberOfKeys: 1, lua: CLAIM });
    client.defineCommand('bffIdemComplete', { numberOfKeys: 1, lua: COMPLETE });
    client.defineCommand('bffIdemRelease', { numberOfKeys: 1, lua: RELEASE });
    this.commands = client as unknown as Commands;
  }

  async claim(key: string, fingerprint: string, claimTtlMs: number): Promise<ClaimResult<T>> {
    const token = randomUUID();
    const [state, storedFingerprint, detail] = (await this.commands.bffIdemClaim(this.key(key), fingerprint, token, claimTtlMs)) as [
      string,
      string?,
      (string | number)?,
    ];
    if (state === 'claimed') return { state, token };
    if (state === 'done') return { state, fingerprint: String(storedFingerprint), result: JSON.parse(String(detail)) as T };
    return { state: 'running', fingerprint: String(storedFingerprint), retryInMs: Math.max(0, Number(detail)) };
  }

  async complete(key: string, token: string, result: T, ttlMs: number): Promise<void> {
    await this.commands.bffIdemComplete(this.key(key), token, JSON.stringify(result), ttlMs);
  }

  async release(key: string, token: string): Promise<void> {
    await this.commands.bffIdemRelease(this.key(key), token);
  }

  private key(key: string): string {
    return `${this.prefix}idem:${key}`;
  }
}
