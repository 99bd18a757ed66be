import { z } from 'zod';
import { int } from '../variable-kinds';

const variables = z.object({
  RATE_LIMIT_GENERATE_PER_MINUTE: int(20, 1).describe('generations'),
  RATE_LIMIT_EXPORT_PER_MINUTE: int(10, 1).describe('exports'),
  RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: int(1000, 1).describe('prospects exported'),
  RATE_LIMIT_READ_PER_MINUTE: int(120, 1).describe('reads, shared by all read fields'),
  RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE: int(30, 1).describe(
    "Woodpecker reads a client's requests cause, charged where they are issued (also the most one query may cause); keeps one client well below Woodpecker's shared one-at-a-time lane",
  ),
});

export const rateLimits = variables
  .transform((env) => ({
    /** Per-client limits per minute, enforced by the @rateLimit directives. */
    rateLimits: {
      generate: env.RATE_LIMIT_GENERATE_PER_MINUTE,
      export: env.RATE_LIMIT_EXPORT_PER_MINUTE,
      exportProspects: env.RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE,
      read: env.RATE_LIMIT_READ_PER_MINUTE,
      woodpeckerCalls: env.RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE,
    },
  }))
  .meta({
    title: 'Per-client rate limits',
    description: 'Per caller and per minute (see Authentication for who a caller is); beyond a limit a field fails with RATE_LIMITED.',
  });
