import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { apiKeyHash } from '../../../redis/keys';
import { systemClock, type Clock } from '../clock';
import { LocalRejection } from '../local-rejection';
import type { BudgetDimension, Cost } from '../upstream';
import type { UpstreamName } from '../upstream-failure';
import type { AcquireResult, BlockReason, GateLimits, GateStore, GateStoreSnapshot, UpstreamBudgetReport } from './gate-store';
import { ACQUIRE, CORRECT, PAUSE, RELEASE, RENEW } from './redis-gate-scripts';

/** How soon a caller refused because Redis is unreachable may try again: reconnects are attempted every ≤ 2 s. */
const STORE_DOWN_RETRY_MS = 1_000;

/** What every script returns besides its answer: the whole gate, in Redis's clock. */
interface ScriptView {
  now: number;
  leased: number;
  pausedUntil?: number;
  /** cjson encodes an empty Lua table as `{}`. */
  budgets: { dim: BudgetDimension; cap: number; level: number; upRemaining?: number; upResetAt?: number }[] | Record<string, never>;
}

interface ScriptReply {
  ok?: boolean;
  reason?: BlockReason;
  retryInMs?: number;
  view: ScriptView;
}

/** The last view learnt, and the local time it arrived (to project it forward and convert Redis's clock). */
interface LearntView extends ScriptView {
  receivedAt: number;
}

type GateCommand = (stateKey: string, leasesKey: string, limits: string, call: string) => Promise<string>;
type GateCommands = Record<'bffGateAcquire' | 'bffGateRelease' | 'bffGateRenew' | 'bffGatePause' | 'bffGateCorrect', GateCommand>;

export interface RedisGateStoreOptions {
  client: Redis;
  /** REDIS_PREFIX. */
  prefix: string;
  upstream: UpstreamName;
  /** Only its hash is used: two keys never share a slot, and the key never reaches Redis. */
  apiKey: string | undefined;
  limits: GateLimits;
  /** This host's clock, only to translate Redis's times into it (the scripts decide on Redis's own clock). */
  clock?: Clock;
}

function defineGateCommands(client: Redis): GateCommands {
  // ioredis sends EVALSHA and falls back to EVAL once per connection when the script cache is empty.
  for (const [name, lua] of [
    ['bffGateAcquire', ACQUIRE],
    ['bffGateRelease', RELEASE],
    ['bffGateRenew', RENEW],
    ['bffGatePause', PAUSE],
    ['bffGateCorrect', CORRECT],
  ] as const) {
    client.defineCommand(name, { numberOfKeys: 2, lua });
  }
  return client as unknown as GateCommands;
}

/** `<prefix>gate:{claude:1f2e…}:state`: the braces keep both keys of one gate in one Redis Cluster slot. */
function gateKeyBase(prefix: string, upstream: UpstreamName, apiKey: string | undefined): string {
  return `${prefix}gate:{${upstream}:${apiKeyHash(apiKey)}}`;
}

/**
 * The gate state of one upstream (and API key) in Redis, shared by every BFF instance: the same semantics
 * as `MemoryGateStore`, each operation one atomic Lua script (redis-gate-scripts.ts).
 *
 * Why hand-written Lua and not a library (docs/decisions.md: prefer a well-kept library): none installed or
 * vetted for this stack models what the upstreams enforce. rate-limiter-flexible counts fixed windows,
 * which admit up to 2× a token bucket's capacity across a window edge (Anthropic refuses that), has no
 * lease with expiry and fencing for Woodpecker's single slot, and cannot reserve several dimensions plus a
 * slot all-or-nothing. Bottleneck (the other candidate) is not installed and unmaintained since 2019. So the
 * scripts stay small, mirror the in-memory store line by line, and run against the same tests.
 *
 * Failure: when Redis cannot answer, `tryAcquire` refuses with a `LocalRejection` (UPSTREAM_BUSY, retry in
 * ~1 s): the gate fails CLOSED, because admitting without the shared state could exceed a quota or put a
 * second request on Woodpecker's key. The other methods reject; their callers log and carry on (a lease
 * then ends by its TTL, a pause or correction is lost).
 */
export class RedisGateStore implements GateStore {
  private readonly commands: GateCommands;
  private readonly keys: [state: string, leases: string];
  private readonly limitsJson: string;
  private view: LearntView;
  private readonly clock: Clock;

  constructor(private readonly options: RedisGateStoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.commands = defineGateCommands(options.client);
    const base = gateKeyBase(options.prefix, options.upstream, options.apiKey);
    this.keys = [`${base}:state`, `${base}:leases`];
    const { windowMs, maxConcurrency, budgets } = options.limits;
    this.limitsJson = JSON.stringify({ windowMs, maxConcurrency, budgets: Object.entries(budgets) });
    // Until the first round trip: full budgets, nothing leased (as a fresh MemoryGateStore would say).
    const now = this.clock.now();
    this.view = {
      now,
      receivedAt: now,
      leased: 0,
      budgets: Object.entries(budgets).map(([dim, cap]) => ({ dim: dim as BudgetDimension, cap, level: cap })),
    };
  }

  /** `now` is ignored here and below: the scripts use Redis's clock, common to every instance. */
  async tryAcquire(cost: Cost, _now: number, leaseTtlMs: number): Promise<AcquireResult> {
    const leaseId = randomUUID();
    let reply: ScriptReply;
    try {
      reply = await this.run('bffGateAcquire', { cost, leaseId, leaseTtlMs });
    } catch (error) {
      // 'wait_too_long' maps to UPSTREAM_BUSY with the retry hint; the log line carries the real reason.
      const reason = `shared gate state (Redis) unavailable: ${(error as Error).message}`;
      throw new LocalRejection('wait_too_long', STORE_DOWN_RETRY_MS, reason);
    }
    if (reply.ok) return { ok: true, leaseId };
    const reason = reply.reason ?? 'concurrency';
    return { ok: false, reason, retryInMs: reason === 'too_large' ? Infinity : Math.max(0, reply.retryInMs ?? 0) };
  }

  async release(leaseId: string, refund: Cost, _now: number): Promise<void> {
    await this.run('bffGateRelease', { leaseId, refund });
  }

  async renew(leaseId: string, ttlMs: number, _now: number): Promise<boolean> {
    return (await this.run('bffGateRenew', { leaseId, ttlMs })).ok === true;
  }

  async pauseUntil(untilMs: number): Promise<void> {
    // The caller's absolute time becomes a duration, re-anchored on Redis's clock by the script.
    await this.run('bffGatePause', { pauseMs: Math.max(0, untilMs - this.clock.now()) });
  }

  async correct(dimension: BudgetDimension, report: UpstreamBudgetReport, _now: number): Promise<void> {
    await this.run('bffGateCorrect', { dim: dimension, ...report });
  }

  /** The view of the last round trip, refilled to `now` and converted to this host's clock. */
  snapshot(now: number): GateStoreSnapshot {
    const { view } = this;
    const elapsed = Math.max(0, now - view.receivedAt);
    const pausedUntil = view.pausedUntil === undefined ? undefined : view.pausedUntil - view.now + view.receivedAt;
    const { windowMs, maxConcurrency } = this.options.limits;
    return {
      maxConcurrency,
      leased: view.leased,
      ...(pausedUntil !== undefined && now < pausedUntil && { pausedUntil }),
      budgets: budgetsOf(view).map((b) => ({
        dimension: b.dim,
        limit: b.cap,
        remaining: Math.min(b.cap, b.level + (elapsed * b.cap) / windowMs),
        refillPerMs: b.cap / windowMs,
        ...(b.upRemaining !== undefined && { upstreamRemaining: b.upRemaining }),
        ...(b.upResetAt !== undefined && { upstreamResetAt: b.upResetAt }),
      })),
    };
  }

  private async run(command: keyof GateCommands, call: object): Promise<ScriptReply> {
    const raw = await this.commands[command](...this.keys, this.limitsJson, JSON.stringify(call));
    const reply = JSON.parse(raw) as ScriptReply;
    this.view = { ...reply.view, receivedAt: this.clock.now() };
    return reply;
  }
}

function budgetsOf(view: ScriptView): Exclude<ScriptView['budgets'], Record<string, never>> {
  return Array.isArray(view.budgets) ? view.budgets : [];
}
