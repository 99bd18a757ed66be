import { describeError, logger } from '../logging/logger';
import { settlesWithin, type BackgroundWork } from './background-work';

const log = logger.child({ component: 'main' });

/**
 * How long the listener stays open after /readyz turns 503 (at most a quarter of the grace, which it is part
 * of): a load balancer polling readiness sees the 503 and stops routing here, and requests already on their
 * way are served rather than refused. Kubernetes takes the pod out of its endpoints on its own.
 */
const READINESS_NOTICE_MS = 1_000;

function readinessNoticeMs(graceMs: number): number {
  return Math.min(READINESS_NOTICE_MS, graceMs / 4);
}

/**
 * After the grace, the time stopped work gets to wind down: an export sends no further batch (one in flight
 * is abandoned, and stays recorded as possibly written), releases its key and answers the caller still
 * waiting. Only then are the remaining sockets destroyed.
 */
export const SETTLE_MS = 2_000;
/** Then closing the dependencies (leases released, Redis QUIT) gets this long before the process gives up. */
export const CLOSE_MS = 2_000;

/**
 * How long the HTTP drain lets connections run once the listener closed: up to the grace plus the settling
 * of what the grace cut, counted from the signal like everything else.
 */
export function httpDrainMs(graceMs: number): number {
  return graceMs - readinessNoticeMs(graceMs) + SETTLE_MS;
}

/** The longest a shutdown can take before main.ts exits regardless (and with 1). */
export function shutdownCeilingMs(graceMs: number): number {
  return graceMs + SETTLE_MS + CLOSE_MS;
}

export interface Drainable {
  /** Makes /readyz answer 503 so the load balancer stops sending traffic. */
  markDraining(): void;
  /** Stops accepting connections and resolves when the in-flight requests are done (or cut at httpDrainMs). */
  stopHttp(): Promise<void>;
  background: BackgroundWork;
  /** Releases what the process holds: leases, connections, the demo simulators. */
  close(): Promise<void>;
}

/**
 * The drain, in order: readiness fails; shortly after, no new connections; in-flight requests and background
 * exports get `graceMs` (from the signal) to finish; what is still running then is stopped between batches and releases its
 * Idempotency-Key with its progress, so a retry on any instance resumes it; the dependencies close. Resolves
 * true when all of that went as planned, cut work included (it was released, not lost); false only when
 * something failed: work that did not wind down, or a dependency that did not close.
 */
export async function drain(parts: Drainable, graceMs: number): Promise<boolean> {
  parts.markDraining();
  const stopHttp = new Promise((resolve) => setTimeout(resolve, readinessNoticeMs(graceMs))).then(() => parts.stopHttp());
  const [http, work] = await Promise.allSettled([stopHttp, drainBackground(parts.background, graceMs)]);
  if (http.status === 'rejected') log.error('the HTTP server did not stop cleanly', { error: describeError(http.reason) });
  const closed = await parts.close().then(
    () => true,
    (error: unknown) => {
      log.error('closing the dependencies failed', { error: describeError(error) });
      return false;
    },
  );
  return http.status === 'fulfilled' && work.status === 'fulfilled' && work.value && closed;
}

async function drainBackground(background: BackgroundWork, graceMs: number): Promise<boolean> {
  if (await settlesWithin(background.idle(), graceMs)) return true;
  log.warn('shutdown grace spent: stopping the exports still running; a retry with their Idempotency-Key resumes them', {
    exports: background.size,
  });
  if (await background.stop(SETTLE_MS)) return true;
  log.error('exports did not stop in time; their keys lapse by their claim TTL', { exports: background.size });
  return false;
}
