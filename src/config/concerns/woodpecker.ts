import { z } from 'zod';
import { httpUrl, int, integer, refuser, secret } from '../variable-kinds';
import { runtimeVariables } from './runtime';

export const WOODPECKER_API_KEY = secret().describe(
  'the Woodpecker API key; without it development serves Woodpecker from the built-in simulator and production refuses to start',
);

const variables = z.object({
  ...runtimeVariables,
  WOODPECKER_API_KEY,
  WOODPECKER_BASE_URL: httpUrl('https://api.woodpecker.co/rest').describe('where the Woodpecker REST API is'),
  WOODPECKER_BATCH_SIZE: integer(1)
    .max(20_000, 'Woodpecker accepts at most 20000 per call')
    .default(50)
    .describe('prospects per add_prospects_campaign call'),
  MAX_PROSPECTS_PER_EXPORT: int(1000, 1).describe('prospects one addProspectsToCampaign (or duplicateEmails) may carry'),
  CAMPAIGN_CACHE_TTL_SECONDS: int(300).describe('how long the campaign list is cached; 0 turns the cache off'),
  WOODPECKER_MAX_CONCURRENCY: int(1, 1).describe('Woodpecker calls in flight (Woodpecker processes one at a time per key)'),
  WOODPECKER_REQUESTS_PER_MINUTE: int(100).describe('request budget (token bucket); 0 = no per-minute cap'),
  WOODPECKER_ATTEMPT_TIMEOUT_MS: int(20_000, 1).describe(
    'how long one attempt may take before it counts as failed (Woodpecker may hold a request 15 s in its own queue)',
  ),
  WOODPECKER_SLOT_CEILING_MS: int(60_000, 1).describe(
    "the longest Woodpecker's one slot stays held for one request: Woodpecker keeps working on a request whose caller left or timed out, so the slot is held until it answered, or until this ceiling passes and the socket is cut (Woodpecker may queue a request 15 s, which leaves 45 s to process it); at least WOODPECKER_ATTEMPT_TIMEOUT_MS",
  ),
  WOODPECKER_MAX_RESPONSE_BYTES: int(16 * 1024 * 1024, 1024).describe(
    'the largest response body read from Woodpecker (one is read at a time; a page of 1000 prospects with long snippets is about 8 MB); a larger one is a fault and the socket is cut',
  ),
});

export const woodpecker = variables
  .superRefine((env, ctx) => {
    const refuse = refuser(ctx);
    if (env.NODE_ENV === 'production' && !env.WOODPECKER_API_KEY) refuse('WOODPECKER_API_KEY', 'required in production');
    if (env.WOODPECKER_SLOT_CEILING_MS < env.WOODPECKER_ATTEMPT_TIMEOUT_MS) {
      refuse('WOODPECKER_SLOT_CEILING_MS', 'must be at least WOODPECKER_ATTEMPT_TIMEOUT_MS');
    }
  })
  .transform((env) => ({
    woodpecker: {
      apiKey: env.WOODPECKER_API_KEY,
      baseUrl: env.WOODPECKER_BASE_URL.replace(/\/+$/, ''),
      batchSize: env.WOODPECKER_BATCH_SIZE,
      maxProspectsPerExport: env.MAX_PROSPECTS_PER_EXPORT,
      campaignCacheTtlMs: env.CAMPAIGN_CACHE_TTL_SECONDS * 1000,
      attemptTimeoutMs: env.WOODPECKER_ATTEMPT_TIMEOUT_MS,
      slotCeilingMs: env.WOODPECKER_SLOT_CEILING_MS,
      maxResponseBytes: env.WOODPECKER_MAX_RESPONSE_BYTES,
      /** requestsPerMinute 0 means no per-minute cap (Woodpecker documents none, only one-at-a-time). */
      limits: { maxConcurrency: env.WOODPECKER_MAX_CONCURRENCY, requestsPerMinute: env.WOODPECKER_REQUESTS_PER_MINUTE },
    },
  }))
  .meta({
    title: 'Woodpecker',
    description:
      'Woodpecker processes one request at a time per API key and documents no per-minute quota; 100 a minute is an ' +
      'assumption to adjust. Budgets and concurrency slots are shared by every instance when REDIS_URL is set.',
  });
