import { z } from 'zod';

/**
 * Every environment variable the server reads, with its default. `.env.example` and the README table
 * list the same names; keep the three in step.
 */
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = (def: string) =>
  z
    .string()
    .default(def)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const url = (def: string) => z.url({ protocol: /^https?$/ }).default(def);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(4000, 0).refine((p) => p <= 65535, 'must be a port number'),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  LOG_CONTENT: flag(false),
  CORS_ORIGINS: list('http://localhost:5173,http://localhost:3000'),
  BODY_LIMIT_BYTES: int(4 * 1024 * 1024, 1024),
  TRUST_PROXY: z.string().default('false'),
  SHUTDOWN_GRACE_MS: int(10_000),

  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: url('https://api.anthropic.com'),
  CLAUDE_MODEL: z.string().min(1).default('claude-sonnet-4-6'),
  CLAUDE_ALLOWED_MODELS: list('claude-sonnet-4-6,claude-haiku-4-5,claude-sonnet-5,claude-opus-4-6'),
  CLAUDE_MAX_TOKENS: int(2048, 256),
  CLAUDE_ALLOW_SYSTEM_PROMPT: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  MAX_PROMPT_CHARS: int(100_000, 1),

  WOODPECKER_API_KEY: optionalString,
  WOODPECKER_BASE_URL: url('https://api.woodpecker.co/rest'),
  WOODPECKER_BATCH_SIZE: int(50, 1).refine((n) => n <= 20_000, 'Woodpecker accepts at most 20000 per call'),
  MAX_PROSPECTS_PER_EXPORT: int(1000, 1),
  CAMPAIGN_CACHE_TTL_SECONDS: int(300),

  CLAUDE_REQUESTS_PER_MINUTE: int(50, 1),
  CLAUDE_INPUT_TOKENS_PER_MINUTE: int(30_000, 1),
  CLAUDE_OUTPUT_TOKENS_PER_MINUTE: int(8_000, 1),
  CLAUDE_MAX_CONCURRENCY: int(4, 1),
  WOODPECKER_MAX_CONCURRENCY: int(1, 1),
  WOODPECKER_REQUESTS_PER_MINUTE: int(100),
  UPSTREAM_QUEUE_MAX: int(100),
  UPSTREAM_QUEUE_MAX_WAIT_MS: int(30_000, 1),
  UPSTREAM_MAX_ATTEMPTS: int(4, 1),
  UPSTREAM_QUOTA_WINDOW_MS: int(60_000, 100),
  RETRY_BASE_DELAY_MS: int(500),
  RETRY_MAX_DELAY_MS: int(8_000),
  UPSTREAM_MAX_RETRY_AFTER_MS: int(60_000, 1),
  CIRCUIT_FAILURE_THRESHOLD: int(50, 1).refine((n) => n <= 100, 'a percentage'),
  CIRCUIT_MIN_CALLS: int(10, 1),
  CIRCUIT_WINDOW_MS: int(30_000, 100),
  CIRCUIT_OPEN_MS: int(15_000, 1),
  DEADLINE_READ_MS: int(10_000, 1),
  DEADLINE_GENERATE_MS: int(60_000, 1),
  DEADLINE_EXPORT_MS: int(15_000, 1),
  DEADLINE_EXPORT_PER_BATCH_MS: int(20_000, 1),
  CLAUDE_ATTEMPT_TIMEOUT_MS: int(45_000, 1),
  WOODPECKER_ATTEMPT_TIMEOUT_MS: int(20_000, 1),
  WOODPECKER_SLOT_CEILING_MS: int(60_000, 1),
  WOODPECKER_MAX_RESPONSE_BYTES: int(16 * 1024 * 1024, 1024),
  UPSTREAM_LEASE_TTL_MS: int(6_000, 100),

  AUTH_MODE: z.enum(['none', 'token', 'jwt']).optional(),
  ALLOW_ANONYMOUS: flag(false),
  AUTH_TOKENS: optionalString,
  AUTH_JWT_SECRET: optionalString,
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,
  AUTH_JWT_IDENTITY_CLAIM: z.string().default('sub'),
  RATE_LIMIT_GENERATE_PER_MINUTE: int(20, 1),
  RATE_LIMIT_EXPORT_PER_MINUTE: int(10, 1),
  RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: int(1000, 1),
  RATE_LIMIT_READ_PER_MINUTE: int(120, 1),
  QUERY_MAX_DEPTH: int(8, 1),
  QUERY_MAX_ALIASES: int(15, 0),
  QUERY_MAX_DIRECTIVES: int(10, 0),
  QUERY_MAX_TOKENS: int(2000, 10),
  QUERY_MAX_COST: int(5000, 1),
  PERSISTED_OPERATIONS_ONLY: flag(false),
  METRICS_TOKEN: optionalString,

  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only').default('bff:'),
  IDEMPOTENCY_TTL_SECONDS: int(86_400, 60),
  OPERATOR_CALLERS: list(''),
  CLAUDE_PRICING: z.string().optional(),

  SIMULATOR_LATENCY_MS: int(30),
  SIMULATOR_FAULT_RATE: z.coerce.number().min(0).max(1).default(0),
  SIMULATOR_SEED: int(42),
});

export type Env = z.infer<typeof envSchema>;
