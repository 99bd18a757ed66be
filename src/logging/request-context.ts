import { AsyncLocalStorage } from 'node:async_hooks';

/** What one GraphQL request did upstream; summed into its access log line and metrics. */
export interface RequestStats {
  upstreamCalls: number;
  retries: number;
  queueWaitMs: number;
  inputTokens: number;
  outputTokens: number;
}

export interface RequestContext {
  requestId: string;
  /** Caller identity: the token or JWT subject, or `ip:<address>` when anonymous. */
  caller?: string;
  operationName?: string;
  stats: RequestStats;
  /** Set once the GraphQL access line is written, so the HTTP layer does not write a second one. */
  accessLogged?: boolean;
  /**
   * The campaign-list version this operation's answer was read from, when every read of the list was a cache hit;
   * `null` once a read loaded or force-refreshed it. Only an answer read from one version can be replayed.
   */
  campaignListVersion?: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function newRequestStats(): RequestStats {
  return { upstreamCalls: 0, retries: 0, queueWaitMs: 0, inputTokens: 0, outputTokens: 0 };
}

/** Runs `fn` with a request context that every log line and upstream call below it can see. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds to the current request's counters; a no-op outside a request (start-up, simulators). */
export function recordRequestStats(delta: Partial<RequestStats>): void {
  const stats = storage.getStore()?.stats;
  if (!stats) return;
  for (const [key, value] of Object.entries(delta) as [keyof RequestStats, number][]) stats[key] += value;
}

/** Notes one read of the campaign list: `version` for a cache hit, `null` for anything else. */
export function recordCampaignListRead(version: string | null): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  ctx.campaignListVersion = ctx.campaignListVersion === undefined || ctx.campaignListVersion === version ? version : null;
}
