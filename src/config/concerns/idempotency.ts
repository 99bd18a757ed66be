import { z } from 'zod';
import { int } from '../variable-kinds';

export const idempotency = z
  .object({
    IDEMPOTENCY_TTL_SECONDS: int(86_400, 60).describe("how long an export's outcome is kept for its Idempotency-Key"),
  })
  .transform((env) => ({ idempotencyTtlMs: env.IDEMPOTENCY_TTL_SECONDS * 1000 }))
  .meta({
    title: 'Idempotent exports',
    description: 'An export repeated by the same caller with the same Idempotency-Key replays the stored outcome instead of ' +
      'writing to Woodpecker again.',
  });
