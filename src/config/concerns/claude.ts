import { z } from 'zod';
import { flag, httpUrl, int, list, optionalFlag, refuser, secret } from '../variable-kinds';
import { runtimeVariables } from './runtime';

export const ANTHROPIC_API_KEY = secret().describe(
  'the Anthropic API key; without it development serves Claude from the built-in simulator and production refuses to start',
);

const variables = z.object({
  ...runtimeVariables,
  ANTHROPIC_API_KEY,
  ANTHROPIC_BASE_URL: httpUrl('https://api.anthropic.com').describe('where the Anthropic Messages API is'),
  CLAUDE_MODEL: z
    .string()
    .min(1)
    .default('claude-sonnet-4-6')
    .describe('the model of a generation that names none; must be in CLAUDE_ALLOWED_MODELS'),
  CLAUDE_ALLOWED_MODELS: list('claude-sonnet-4-6,claude-haiku-4-5,claude-sonnet-5,claude-opus-4-6').describe(
    'comma list of the models clients may ask for',
  ),
  CLAUDE_MAX_TOKENS: int(2048, 256).describe('max_tokens of a generation (also what it reserves of the output-token budget)'),
  CLAUDE_ALLOW_SYSTEM_PROMPT: optionalFlag()
    .describe('whether clients may replace the system prompt')
    .meta({ defaultText: 'true (false in production)' }),
  MAX_PROMPT_CHARS: int(100_000, 1).describe('the longest prompt or systemPrompt a client may send, in characters'),
  CLAUDE_REQUESTS_PER_MINUTE: int(50, 1).describe('request budget (token bucket)'),
  CLAUDE_INPUT_TOKENS_PER_MINUTE: int(30_000, 1).describe('input-token budget'),
  CLAUDE_OUTPUT_TOKENS_PER_MINUTE: int(8_000, 1).describe(
    'output-token budget (a generation reserves max_tokens; the unused part is refunded)',
  ),
  CLAUDE_MAX_CONCURRENCY: int(4, 1).describe('Claude calls in flight'),
  CLAUDE_COUNT_TOKENS_PER_MINUTE: int(100).describe(
    "count_tokens requests (Anthropic's own limit for it, independent of Messages; tier 1 = 100), asked when a prompt's token count is uncertain; 0 = never ask (an uncertain prompt then reserves one token per UTF-8 byte)",
  ),
  CLAUDE_ATTEMPT_TIMEOUT_MS: int(45_000, 1).describe('how long one attempt may take before it counts as failed'),
  CLAUDE_PARALLEL_DEFAULT: flag(false).describe(
    'write every sequence with 2-3 concurrent Claude calls when the quota has room for them at once, as `parallel: true` asks for one generation; off by default: it costs about three times the input tokens and the follow-ups see the plan of the first email, not its text',
  ),
  CONTENT_CACHE_TTL_SECONDS: int(86_400).describe(
    "how long a caller's identical generation (same lead, prompt, system prompt, model and attachments) is answered from the content cache without a Claude call; `fresh: true` bypasses and refreshes it; 0 = no cache",
  ),
  CONTENT_CACHE_MAX_ENTRIES: int(1_000, 1).describe(
    'sequences the content cache keeps (each at most 32 KB; the oldest goes first); shared by every instance through Redis when REDIS_URL is set',
  ),
});

export const claude = variables
  .superRefine((env, ctx) => {
    const refuse = refuser(ctx);
    if (env.NODE_ENV === 'production' && !env.ANTHROPIC_API_KEY) refuse('ANTHROPIC_API_KEY', 'required in production');
    if (!env.CLAUDE_ALLOWED_MODELS.includes(env.CLAUDE_MODEL)) {
      refuse('CLAUDE_MODEL', `"${env.CLAUDE_MODEL}" is not in CLAUDE_ALLOWED_MODELS`);
    }
  })
  .transform((env) => ({
    claude: {
      /** Undefined only when the simulator stands in (development without a key). */
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL,
      defaultModel: env.CLAUDE_MODEL,
      allowedModels: env.CLAUDE_ALLOWED_MODELS,
      maxTokens: env.CLAUDE_MAX_TOKENS,
      allowSystemPrompt: env.CLAUDE_ALLOW_SYSTEM_PROMPT ?? env.NODE_ENV !== 'production',
      maxPromptChars: env.MAX_PROMPT_CHARS,
      attemptTimeoutMs: env.CLAUDE_ATTEMPT_TIMEOUT_MS,
      limits: {
        requestsPerMinute: env.CLAUDE_REQUESTS_PER_MINUTE,
        inputTokensPerMinute: env.CLAUDE_INPUT_TOKENS_PER_MINUTE,
        outputTokensPerMinute: env.CLAUDE_OUTPUT_TOKENS_PER_MINUTE,
        maxConcurrency: env.CLAUDE_MAX_CONCURRENCY,
      },
      countTokensPerMinute: env.CLAUDE_COUNT_TOKENS_PER_MINUTE,
      parallelDefault: env.CLAUDE_PARALLEL_DEFAULT,
      contentCache: { ttlMs: env.CONTENT_CACHE_TTL_SECONDS * 1000, maxEntries: env.CONTENT_CACHE_MAX_ENTRIES },
    },
  }))
  .meta({
    title: 'Claude (Anthropic)',
    description:
      "The quota defaults are Anthropic's tier-1 limits for Sonnet-class models: raise them to your tier. The server " +
      "also lowers its budget when Anthropic's rate-limit headers report less. Budgets and concurrency slots are " +
      'shared by every instance when REDIS_URL is set.',
  });
