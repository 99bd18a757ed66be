import { z } from 'zod';

export const redis = z
  .object({
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional()
      .describe('unset: state stays in memory and one instance serves')
      .meta({ examples: ['redis://127.0.0.1:6379'] }),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only')
      .default('bff:')
      .describe('prefix of every key this server writes'),
  })
  .transform((env) => ({
    /** Shared state for several instances; undefined means in-memory, single instance. */
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : undefined,
  }))
  .meta({
    title: 'Several instances (Redis)',
    description:
      'With Redis, every instance shares the upstream budgets and concurrency slots, per-client rate limits, caches, ' +
      'usage and export outcomes.',
  });
