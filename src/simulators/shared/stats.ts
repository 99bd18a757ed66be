import type { ServerResponse } from 'node:http';

/** Counters every simulator keeps; tests and benchmarks read them live (in-process or via GET /__sim/stats). */
export interface BaseStats {
  requests: number;
  byRoute: Record<string, number>;
  responsesByStatus: Record<string, number>;
  faultsInjected: Record<string, number>;
  /** Requests open right now, from arrival until the response ended or the client hung up. */
  inFlight: number;
  maxInFlight: number;
  /** Requests that arrived when the quota had no room (the simulator's own limit, never an injected fault). */
  quotaViolations: number;
  /** 429-style answers sent because of the quota. */
  rateLimited: number;
}

export function baseStats(): BaseStats {
  return {
    requests: 0,
    byRoute: {},
    responsesByStatus: {},
    faultsInjected: {},
    inFlight: 0,
    maxInFlight: 0,
    quotaViolations: 0,
    rateLimited: 0,
  };
}

export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Counts the request as open until its response ends or the connection drops, whichever comes first. */
export function trackOpenRequest(stats: BaseStats, res: ServerResponse): void {
  stats.inFlight++;
  if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
  res.once('close', () => {
    stats.inFlight--;
    if (res.headersSent) bump(stats.responsesByStatus, String(res.statusCode));
  });
}
