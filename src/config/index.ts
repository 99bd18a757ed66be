import { z } from 'zod';
import { envSchema, type Env } from './env-schema';

export type NodeEnv = Env['NODE_ENV'];

export interface ClaudeConfig {
  /** Undefined only when the simulator stands in (development without a key). */
  apiKey: string | undefined;
  baseUrl: string;
  defaultModel: string;
  allowedModels: string[];
  maxTokens: number;
  allowSystemPrompt: boolean;
  maxPromptChars: number;
  attemptTimeoutMs: number;
  limits: { requestsPerMinute: number; inputTokensPerMinute: number; outputTokensPerMinute: number; maxConcurrency: number };
}

export interface WoodpeckerConfig {
  apiKey: string | undefined;
  baseUrl: string;
  batchSize: number;
  maxProspectsPerExport: number;
  campaignCacheTtlMs: number;
  attemptTimeoutMs: number;
  /** requestsPerMinute 0 means no per-minute cap (Woodpecker documents none, only one-at-a-time). */
  limits: { maxConcurrency: number; requestsPerMinute: number };
}

export interface ResilienceConfig {
  /** The window the *_PER_MINUTE budgets refill over: a minute, shorter only in tests and benchmarks. */
  quotaWindowMs: number;
  queueMax: number;
  queueMaxWaitMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  circuit: { failureThresholdPercent: number; minimumCalls: number; windowMs: number; openMs: number };
  deadlines: { readMs: number; generateMs: number; exportMs: number; exportPerBatchMs: number };
}

export type AuthConfig =
  | { mode: 'none' }
  | { mode: 'token'; tokens: { name: string; token: string }[] }
  | {
      mode: 'jwt';
      secret?: string;
      jwksUrl?: string;
      issuer?: string;
      audience?: string;
      /** The claim that names the caller (default `sub`). */
      identityClaim: string;
    };

export interface Config {
  env: NodeEnv;
  isProduction: boolean;
  server: {
    port: number;
    host: string;
    bodyLimitBytes: number;
    corsOrigins: string[];
    /** Express `trust proxy` value: false, true, a hop count, or a comma list of addresses/subnets. */
    trustProxy: boolean | number | string;
    shutdownGraceMs: number;
  };
  log: { level: Env['LOG_LEVEL']; format: 'json' | 'pretty'; content: boolean };
  /** Which upstreams the built-in simulators replace (development without keys). */
  simulate: { claude: boolean; woodpecker: boolean };
  simulator: { latencyMs: number; faultRate: number; seed: number };
  claude: ClaudeConfig;
  woodpecker: WoodpeckerConfig;
  resilience: ResilienceConfig;
  auth: AuthConfig;
  /** Per-client limits per minute, enforced by the @rateLimit directives. */
  rateLimits: { generate: number; export: number; exportProspects: number; read: number };
  queryLimits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number };
  persistedOperationsOnly: boolean;
  metricsToken: string | undefined;
  /** Shared state for several instances; undefined means in-memory, single instance. */
  redis: { url: string; prefix: string } | undefined;
  idempotencyTtlMs: number;
  /** Callers (token names / JWT subjects) allowed to read everyone's usage. */
  operatorCallers: string[];
  /** USD per million tokens, by model id. */
  claudePricing: Record<string, ModelPrice>;
}

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * List prices in USD per million tokens (Anthropic's published rates for these model families); used only to
 * estimate cost in usage reports and metrics. CLAUDE_PRICING (JSON) overrides or adds models.
 */
const DEFAULT_PRICING: Record<string, ModelPrice> = {
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-6': { inputPerMTok: 5, outputPerMTok: 25 },
};

const priceSchema = z.record(
  z.string(),
  z.object({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() }),
);

function parsePricing(raw: string | undefined): { pricing: Record<string, ModelPrice>; problems: string[] } {
  if (!raw) return { pricing: DEFAULT_PRICING, problems: [] };
  try {
    const parsed = priceSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { pricing: { ...DEFAULT_PRICING, ...parsed.data }, problems: [] };
  } catch {
    // reported below
  }
  return {
    pricing: DEFAULT_PRICING,
    problems: ['CLAUDE_PRICING: must be JSON like {"claude-x":{"inputPerMTok":3,"outputPerMTok":15}}'],
  };
}

/** Thrown with every problem found, so one start-up attempt tells the operator everything to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

const TOKEN_ENTRY = /^([A-Za-z0-9_.@-]{1,64}):(\S{16,})$/;

function parseTokens(raw: string | undefined): { tokens: { name: string; token: string }[]; problems: string[] } {
  const entries = (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const tokens: { name: string; token: string }[] = [];
  const problems: string[] = [];
  entries.forEach((entry, i) => {
    const match = TOKEN_ENTRY.exec(entry);
    if (match?.[1] && match[2]) tokens.push({ name: match[1], token: match[2] });
    else problems.push(`AUTH_TOKENS: entry ${i + 1} must be name:token with a token of at least 16 characters`);
  });
  if (entries.length === 0) problems.push('AUTH_TOKENS: required when AUTH_MODE=token (name1:token1,name2:token2)');
  return { tokens, problems };
}

function authProblems(env: Env): string[] {
  const mode = env.AUTH_MODE ?? 'none';
  const problems: string[] = [];
  if (mode === 'none' && env.NODE_ENV === 'production' && !env.ALLOW_ANONYMOUS) {
    problems.push('AUTH_MODE: production refuses "none"; set AUTH_MODE=token or jwt (or ALLOW_ANONYMOUS=true)');
  }
  if (mode === 'token') problems.push(...parseTokens(env.AUTH_TOKENS).problems);
  if (mode === 'jwt') {
    if (!env.AUTH_JWT_SECRET === !env.AUTH_JWKS_URL) problems.push('AUTH_JWT_SECRET / AUTH_JWKS_URL: set exactly one of them');
    if (env.AUTH_JWT_SECRET && env.AUTH_JWT_SECRET.length < 32) {
      problems.push('AUTH_JWT_SECRET: an HS256 secret needs at least 32 characters');
    }
    if (env.NODE_ENV === 'production' && !(env.AUTH_JWT_ISSUER && env.AUTH_JWT_AUDIENCE)) {
      problems.push('AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE: production requires both, so only tokens issued for this API are accepted');
    }
  }
  return problems;
}

function authConfig(env: Env): AuthConfig {
  const mode = env.AUTH_MODE ?? 'none';
  if (mode === 'token') return { mode, tokens: parseTokens(env.AUTH_TOKENS).tokens };
  if (mode === 'jwt') {
    return {
      mode,
      secret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      identityClaim: env.AUTH_JWT_IDENTITY_CLAIM,
    };
  }
  return { mode: 'none' };
}

function crossFieldProblems(env: Env): string[] {
  const problems: string[] = authProblems(env);
  const prod = env.NODE_ENV === 'production';
  if (prod && !env.ANTHROPIC_API_KEY) problems.push('ANTHROPIC_API_KEY: required in production');
  if (prod && !env.WOODPECKER_API_KEY) problems.push('WOODPECKER_API_KEY: required in production');
  if (prod && (env.METRICS_TOKEN ?? '').length < 16) {
    problems.push('METRICS_TOKEN: required in production (at least 16 characters; Prometheus sends it as a bearer token), so /metrics is not public');
  }
  if (!env.CLAUDE_ALLOWED_MODELS.includes(env.CLAUDE_MODEL)) {
    problems.push(`CLAUDE_MODEL: "${env.CLAUDE_MODEL}" is not in CLAUDE_ALLOWED_MODELS`);
  }
  if (env.RETRY_MAX_DELAY_MS < env.RETRY_BASE_DELAY_MS) {
    problems.push('RETRY_MAX_DELAY_MS: must be at least RETRY_BASE_DELAY_MS');
  }
  problems.push(...parsePricing(env.CLAUDE_PRICING).problems);
  if (env.CORS_ORIGINS.includes('*')) {
    problems.push('CORS_ORIGINS: "*" is not allowed (the API accepts credentials); list the origins');
  }
  return problems;
}

/** The only reader of process.env. Pure: the same input gives the same config, so tests pass their own env. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const env = parsed.data;
  const problems = crossFieldProblems(env);
  if (problems.length > 0) throw new ConfigError(problems);

  const isProduction = env.NODE_ENV === 'production';
  const allowSystemPrompt =
    env.CLAUDE_ALLOW_SYSTEM_PROMPT === undefined ? !isProduction : ['true', '1', 'yes'].includes(env.CLAUDE_ALLOW_SYSTEM_PROMPT);

  return {
    env: env.NODE_ENV,
    isProduction,
    server: {
      port: env.PORT,
      host: env.HOST,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty'), content: env.LOG_CONTENT && !isProduction },
    simulate: { claude: !env.ANTHROPIC_API_KEY, woodpecker: !env.WOODPECKER_API_KEY },
    simulator: { latencyMs: env.SIMULATOR_LATENCY_MS, faultRate: env.SIMULATOR_FAULT_RATE, seed: env.SIMULATOR_SEED },
    claude: {
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL,
      defaultModel: env.CLAUDE_MODEL,
      allowedModels: env.CLAUDE_ALLOWED_MODELS,
      maxTokens: env.CLAUDE_MAX_TOKENS,
      allowSystemPrompt,
      maxPromptChars: env.MAX_PROMPT_CHARS,
      attemptTimeoutMs: env.CLAUDE_ATTEMPT_TIMEOUT_MS,
      limits: {
        requestsPerMinute: env.CLAUDE_REQUESTS_PER_MINUTE,
        inputTokensPerMinute: env.CLAUDE_INPUT_TOKENS_PER_MINUTE,
        outputTokensPerMinute: env.CLAUDE_OUTPUT_TOKENS_PER_MINUTE,
        maxConcurrency: env.CLAUDE_MAX_CONCURRENCY,
      },
    },
    woodpecker: {
      apiKey: env.WOODPECKER_API_KEY,
      baseUrl: env.WOODPECKER_BASE_URL.replace(/\/+$/, ''),
      batchSize: env.WOODPECKER_BATCH_SIZE,
      maxProspectsPerExport: env.MAX_PROSPECTS_PER_EXPORT,
      campaignCacheTtlMs: env.CAMPAIGN_CACHE_TTL_SECONDS * 1000,
      attemptTimeoutMs: env.WOODPECKER_ATTEMPT_TIMEOUT_MS,
      limits: { maxConcurrency: env.WOODPECKER_MAX_CONCURRENCY, requestsPerMinute: env.WOODPECKER_REQUESTS_PER_MINUTE },
    },
    resilience: {
      quotaWindowMs: env.UPSTREAM_QUOTA_WINDOW_MS,
      queueMax: env.UPSTREAM_QUEUE_MAX,
      queueMaxWaitMs: env.UPSTREAM_QUEUE_MAX_WAIT_MS,
      maxAttempts: env.UPSTREAM_MAX_ATTEMPTS,
      retryBaseDelayMs: env.RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: env.RETRY_MAX_DELAY_MS,
      circuit: {
        failureThresholdPercent: env.CIRCUIT_FAILURE_THRESHOLD,
        minimumCalls: env.CIRCUIT_MIN_CALLS,
        windowMs: env.CIRCUIT_WINDOW_MS,
        openMs: env.CIRCUIT_OPEN_MS,
      },
      deadlines: {
        readMs: env.DEADLINE_READ_MS,
        generateMs: env.DEADLINE_GENERATE_MS,
        exportMs: env.DEADLINE_EXPORT_MS,
        exportPerBatchMs: env.DEADLINE_EXPORT_PER_BATCH_MS,
      },
    },
    auth: authConfig(env),
    rateLimits: {
      generate: env.RATE_LIMIT_GENERATE_PER_MINUTE,
      export: env.RATE_LIMIT_EXPORT_PER_MINUTE,
      exportProspects: env.RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE,
      read: env.RATE_LIMIT_READ_PER_MINUTE,
    },
    queryLimits: {
      maxDepth: env.QUERY_MAX_DEPTH,
      maxAliases: env.QUERY_MAX_ALIASES,
      maxDirectives: env.QUERY_MAX_DIRECTIVES,
      maxTokens: env.QUERY_MAX_TOKENS,
      maxCost: env.QUERY_MAX_COST,
    },
    persistedOperationsOnly: env.PERSISTED_OPERATIONS_ONLY,
    metricsToken: env.METRICS_TOKEN,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : undefined,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_SECONDS * 1000,
    operatorCallers: env.OPERATOR_CALLERS,
    claudePricing: parsePricing(env.CLAUDE_PRICING).pricing,
  };
}
