import { z } from 'zod';
import { int, integer, list } from '../variable-kinds';

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

const variables = z.object({
  PORT: integer(0).max(65535, 'must be a port number').default(4000).describe('the port to listen on'),
  HOST: z.string().default('0.0.0.0').describe('the address to listen on'),
  CORS_ORIGINS: list('http://localhost:5173,http://localhost:3000')
    .refine((origins) => !origins.includes('*'), '"*" is not allowed (the API accepts credentials); list the origins')
    .describe('comma list of the browser origins allowed to call the API'),
  BODY_LIMIT_BYTES: int(4 * 1024 * 1024, 1024).describe('larger JSON bodies get 413'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform(parseTrustProxy)
    .describe(
      'Express "trust proxy", for client addresses behind a load balancer: false, true, a hop count, or a comma list of proxy addresses',
    ),
  SHUTDOWN_GRACE_MS: int(25_000).describe(
    'on SIGTERM, after /readyz turns 503: how long in-flight operations and exports may take to finish; what is left then stops between batches and releases its Idempotency-Key (progress kept, so a retry elsewhere resumes), and the process exits about 4 s later at most. 25 s fits a 1000-prospect export (20 batches of 50 at about 1 s per Woodpecker call) and, with those 4 s, stays inside the 30 s Kubernetes gives by default (terminationGracePeriodSeconds); raise both together for larger exports',
  ),
});

export const server = variables
  .transform((env) => ({
    server: {
      port: env.PORT,
      host: env.HOST,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS,
      /** Express `trust proxy` value: false, true, a hop count, or a comma list of addresses/subnets. */
      trustProxy: env.TRUST_PROXY,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
  }))
  .meta({ title: 'HTTP server', description: 'Where the server listens and what it accepts from browsers.' });
