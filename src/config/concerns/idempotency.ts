import { z } from 'zod';
import { int } from '../variable-kinds';

export const idempotency = z
  .object({
    IDEMPOTENCY_TTL_SECONDS: int(86_400, 60).describe(
      "how long an export's progress and outcome are kept for its Idempotency-Key, after their last change",
    ),
    IDEMPOTENCY_CLAIM_TTL_MS: int(10_000, 1_000).describe(
      "a running export's claim on its key lapses this long after its last renewal (renewed every third of it): how long a key stays blocked after the instance running it died, before a retry resumes the export",
    ),
    IDEMPOTENCY_MAX_KEYS: int(10_000, 1).describe(
      'keys kept at most (memory and Redis); when full, the oldest key that is not running is forgotten for a new one',
    ),
  })
  .transform((env) => ({
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_SECONDS * 1000,
    idempotencyClaimTtlMs: env.IDEMPOTENCY_CLAIM_TTL_MS,
    idempotencyMaxKeys: env.IDEMPOTENCY_MAX_KEYS,
  }))
  .meta({
    title: 'Idempotent exports',
    description:
      'An export runs to completion detached from its request. With an Idempotency-Key its progress is recorded batch by ' +
      'batch: a repeat replays the complete result without writing to Woodpecker again, and a try cut short (disconnect, ' +
      'deadline, drain, crash) is resumed by the next try with the same key.',
  });
