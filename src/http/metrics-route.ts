import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus text format; behind a bearer token when one is configured. */
export function metricsRoute(registry: Registry, token?: string): RequestHandler {
  return async (req, res) => {
    if (token && !sameSecret(req.get('authorization') ?? '', `Bearer ${token}`)) {
      res.status(401).json({ error: 'metrics require a bearer token' });
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
