import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Config } from '../config';

/** An explicit allow-list (never `*`, since credentials are allowed); other origins get no CORS headers. */
export function corsPolicy(config: Config): RequestHandler {
  const allowed = new Set(config.server.corsOrigins);
  return cors<cors.CorsRequest>({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'x-request-id',
      'idempotency-key',
      'apollo-require-preflight',
      'x-apollo-operation-name',
    ],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
