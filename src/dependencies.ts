import { Attachments } from './attachments/attachments';
import { AttachmentSweeper } from './attachments/sweeper';
import { UploadBudget } from './attachments/upload-budget';
import { UploadSlots } from './attachments/upload-slots';
import { authSecrets } from './auth/authenticator';
import type { Config } from './config';
import { createClaudeShared, type ClaudeShared } from './datasources/claude/ClaudeAPI';
import { ClaudeFiles } from './datasources/claude/files-api';
import { systemClock, type Clock } from './datasources/shared/clock';
import { createClaudeCountTokensUpstream, createClaudeUpstream, createWoodpeckerUpstream } from './datasources/shared/presets';
import type { Upstream } from './datasources/shared/upstream';
import { createWoodpeckerShared, type WoodpeckerShared } from './datasources/woodpecker/WoodpeckerAPI';
import { perMinuteLimiter, type RateLimitStore } from './graphql/directives/rate-limit';
import { WoodpeckerCallBudgets } from './graphql/directives/woodpecker-call-budget';
import type { ReadinessCheck } from './http/health';
import { IdempotentExports } from './idempotency/idempotent-exports';
import { BackgroundWork } from './lifecycle/background-work';
import { CLOSE_MS, SETTLE_MS } from './lifecycle/shutdown';
import { registerSecret } from './logging/redact';
import { createMetrics, type Metrics } from './metrics';
import { traceUpstreams } from './tracing/upstream-spans';
import { UsageAccounting, type UsageReports } from './usage/usage-accounting';
import { createSharedState } from './shared-state';

/**
 * The process-wide singletons: one upstream runtime (gate, circuit, retry owner) and one client per upstream,
 * caches and the metrics registry. Per-request objects (data sources, loaders) are built on top of these; a
 * limiter created per request would limit nothing.
 */
export interface Dependencies {
  config: Config;
  upstreams: { claude: Upstream; woodpecker: Upstream };
  claude: ClaudeShared;
  woodpecker: WoodpeckerShared;
  metrics: Metrics;
  usage: UsageReports;
  rateLimitStore: RateLimitStore;
  /** Each caller's Woodpecker calls per minute, charged by the data source where a call is issued. */
  woodpeckerCallBudgets: WoodpeckerCallBudgets;
  idempotentExports: IdempotentExports;
  /** Exports run here, detached from their requests; the drain waits for them. */
  background: BackgroundWork;
  /** Uploaded images and PDFs: ownership, expiry, deletion from Claude's file store. */
  attachments: Attachments;
  attachmentSweeper: AttachmentSweeper;
  /** What POST /attachments takes before it reads a body: the caller's budget and one of this instance's memory slots. */
  uploads: { budget: UploadBudget; slots: UploadSlots };
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export interface DependencyOptions {
  /** The time attachments expire by and the sweeper runs on (tests drive a test clock). */
  attachmentClock?: Clock;
}

export async function createDependencies(config: Config, options: DependencyOptions = {}): Promise<Dependencies> {
  for (const secret of [config.claude.apiKey, config.woodpecker.apiKey, config.metricsToken, ...authSecrets(config.auth)]) {
    registerSecret(secret);
  }
  // Memory, or Redis when REDIS_URL is set: gates, rate limits, campaign cache, idempotency and usage across instances.
  const shared = createSharedState(config);
  const upstreams = {
    claude: createClaudeUpstream(config, { store: shared.gateStore('claude', config.claude.apiKey) }),
    woodpecker: createWoodpeckerUpstream(config, { store: shared.gateStore('woodpecker', config.woodpecker.apiKey) }),
  };
  // count_tokens has its own Anthropic limit, so its own gate (0 per minute: never asked).
  const countTokens =
    config.claude.countTokensPerMinute > 0
      ? createClaudeCountTokensUpstream(config, { store: shared.gateStore('claude', config.claude.apiKey, 'count_tokens') })
      : undefined;
  const metrics = createMetrics([upstreams.claude, upstreams.woodpecker]);
  traceUpstreams([upstreams.claude, upstreams.woodpecker]);
  const usage = new UsageAccounting({ store: shared.usageStore, prices: config.claudePricing, observe: metrics.observeClaudeCall });
  const claude = createClaudeShared(config, upstreams.claude, { usage, countTokens, contentCacheStore: shared.contentCacheStore });
  const woodpecker = createWoodpeckerShared(config, upstreams.woodpecker, shared.campaignStore);
  const background = new BackgroundWork();
  const attachmentClock = options.attachmentClock ?? systemClock;
  const attachments = new Attachments({
    store: shared.attachmentStore,
    files: new ClaudeFiles(claude.sdk, upstreams.claude, config.resilience.deadlines),
    clock: attachmentClock,
    ttlMs: config.attachments.ttlMs,
  });
  const attachmentSweeper = new AttachmentSweeper(attachments, attachmentClock, config.attachments.sweepIntervalMs);
  attachmentSweeper.start();
  const uploadLimiter = perMinuteLimiter(shared.rateLimitStore, 'uploads', config.attachments.uploadsPerMinute);
  return {
    config,
    upstreams,
    claude,
    woodpecker,
    metrics,
    usage,
    rateLimitStore: shared.rateLimitStore,
    woodpeckerCallBudgets: new WoodpeckerCallBudgets(shared.rateLimitStore, config.rateLimits.woodpeckerCalls, metrics.rateLimitEvents),
    idempotentExports: new IdempotentExports(shared.idempotencyStore, background, config),
    background,
    attachments,
    attachmentSweeper,
    uploads: {
      budget: new UploadBudget(uploadLimiter, () => metrics.rateLimitEvents.onRejected('uploads')),
      slots: new UploadSlots(config.attachments.maxConcurrentUploads, config.attachments.uploadQueueMax),
    },
    readiness: shared.readiness,
    async close() {
      // A sweep under way finishes its deletions while the Claude runtime still takes calls.
      await attachmentSweeper.stop();
      // Exports first (already idle after a drain): they stop between batches and release their keys.
      await background.stop(SETTLE_MS);
      // Then the upstreams, before Redis closes: they release the leases this instance holds, through Redis. A
      // Woodpecker request the drain cut is still being worked on: its answer is usually a moment away, and
      // releases the slot properly; one that takes longer keeps the slot until its ceiling. Half of the close budget,
      // so the sockets and Redis still close within it.
      await Promise.all([upstreams.claude.close(), upstreams.woodpecker.close(CLOSE_MS / 2), countTokens?.close()]);
      // Nothing waits for an answer any more: the sockets go, then the connection to Redis.
      await woodpecker.http.close();
      await shared.close();
    },
  };
}
