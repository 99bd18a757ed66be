import { Router } from 'express';

/**
 * Why a dependency is not ready, as a code: /readyz answers anyone, so error texts (hosts, ports, driver
 * messages) belong in the log, which the dependency's own code writes.
 */
export type NotReadyReason = 'unreachable' | 'failing';

export interface ReadinessCheck {
  name: string;
  /** Resolves with a reason when not ready; never throws. */
  check(): Promise<{ ok: boolean; reason?: NotReadyReason }>;
}

/**
 * `/healthz` says the process is alive (no upstream calls: a slow upstream must not get us restarted);
 * `/readyz` says it should receive traffic: not draining, and every dependency it needs is reachable.
 */
export function healthRoutes(checks: readonly ReadinessCheck[], isDraining: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ...(await c.check()) })));
    const failing = results.filter((r) => !r.ok);
    const ready = failing.length === 0 && !isDraining();
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      ...(isDraining() && { reason: 'shutting down' }),
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : (r.reason ?? 'failing')])),
    });
  });
  return router;
}
