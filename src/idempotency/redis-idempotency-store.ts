import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { ClaimResult, ClaimTimes, IdempotencyStore, RecordResult, Steps, StoreLimits } from './idempotency-store';
import { CLAIM, COMPLETE, RECORD, RELEASE, RENEW } from './redis-idempotency-scripts';

/** How many of the oldest keys a full store looks at for one it may evict (as the memory store does). */
const EVICTION_CANDIDATES = 10;

type Script = (entry: string, index: string, ...args: (string | number)[]) => Promise<unknown>;
type Commands = Record<'bffIdemClaim' | 'bffIdemRecord' | 'bffIdemRenew' | 'bffIdemComplete' | 'bffIdemRelease', Script>;

/** `[name, json, name, json, …]` as the claim script lists the recorded steps. */
function stepsOf<S>(flat: readonly unknown[]): Steps<S> {
  const steps: Record<string, S> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) steps[String(flat[i])] = JSON.parse(String(flat[i + 1])) as S;
  return steps;
}

/** Records shared by every instance, under `<prefix>idem:<scoped key>`, indexed in `<prefix>idem:index`. */
export class RedisIdempotencyStore<S> implements IdempotencyStore<S> {
  private readonly commands: Commands;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly limits: StoreLimits,
  ) {
    const scripts = { bffIdemClaim: CLAIM, bffIdemRecord: RECORD, bffIdemRenew: RENEW, bffIdemComplete: COMPLETE, bffIdemRelease: RELEASE };
    for (const [name, lua] of Object.entries(scripts)) client.defineCommand(name, { numberOfKeys: 2, lua });
    this.commands = client as unknown as Commands;
  }

  async claim(key: string, fingerprint: string, times: ClaimTimes): Promise<ClaimResult<S>> {
    const token = randomUUID();
    const { claimTtlMs, retentionMs, etaMs } = times;
    const [state, ...rest] = (await this.commands.bffIdemClaim(
      this.key(key),
      this.index(),
      fingerprint,
      token,
      claimTtlMs,
      retentionMs,
      etaMs,
      this.limits.maxKeys,
      EVICTION_CANDIDATES,
    )) as [string, ...unknown[]];
    switch (state) {
      case 'claimed':
        return { state, token, steps: stepsOf<S>(rest) };
      case 'done':
        return { state, steps: stepsOf<S>(rest) };
      case 'mismatch':
        return { state };
      case 'running':
      case 'full':
        return { state, retryInMs: Math.max(0, Number(rest[0])) };
      default:
        throw new Error(`unexpected idempotency claim state ${state}`);
    }
  }

  async record(key: string, token: string, step: string, value: S, times: ClaimTimes): Promise<RecordResult> {
    const json = JSON.stringify(value);
    const { claimTtlMs, retentionMs } = times;
    const args = [token, step, json, claimTtlMs, retentionMs, this.limits.maxBytesPerKey];
    return (await this.commands.bffIdemRecord(this.key(key), this.index(), ...args)) as RecordResult;
  }

  async renew(key: string, token: string, times: ClaimTimes): Promise<boolean> {
    return (await this.commands.bffIdemRenew(this.key(key), this.index(), token, times.claimTtlMs, times.retentionMs)) === 1;
  }

  async complete(key: string, token: string, times: ClaimTimes): Promise<void> {
    await this.commands.bffIdemComplete(this.key(key), this.index(), token, times.retentionMs);
  }

  async release(key: string, token: string): Promise<void> {
    await this.commands.bffIdemRelease(this.key(key), this.index(), token);
  }

  async known(key: string): Promise<boolean> {
    return (await this.client.exists(this.key(key))) === 1;
  }

  private key(key: string): string {
    return `${this.prefix}idem:${key}`;
  }

  private index(): string {
    return `${this.prefix}idem:index`;
  }
}
