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
  queueMax: number;
  queueMaxWaitMs: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  circuit: { failureThresholdPercent: number; minimumCalls: number; windowMs: number; openMs: number };
  deadlines: { readMs: number; generateMs: number; exportMs: number; exportPerBatchMs: number };
}

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

function crossFieldProblems(env: Env): string[] {
  const problems: string[] = [];
  const prod = env.NODE_ENV === 'production';
  if (prod && !env.ANTHROPIC_API_KEY) problems.push('ANTHROPIC_API_KEY: required in production');
  if (prod && !env.WOODPECKER_API_KEY) problems.push('WOODPECKER_API_KEY: required in production');
  if (!env.CLAUDE_ALLOWED_MODELS.includes(env.CLAUDE_MODEL)) {
    problems.push(`CLAUDE_MODEL: "${env.CLAUDE_MODEL}" is not in CLAUDE_ALLOWED_MODELS`);
  }
  if (env.RETRY_MAX_DELAY_MS < env.RETRY_BASE_DELAY_MS) {
    problems.push('RETRY_MAX_DELAY_MS: must be at least RETRY_BASE_DELAY_MS');
  }
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
  };
}
