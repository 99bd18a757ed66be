import type { AttachmentStore } from './attachments/attachment-store';
import { MemoryAttachmentStore } from './attachments/memory-attachment-store';
import { RedisAttachmentStore } from './attachments/redis-attachment-store';
import type { Config } from './config';
import type { ContentCacheStore } from './datasources/claude/content-cache';
import { MemoryCacheStore, type CacheStore } from './datasources/shared/cache-store';
import type { GateLimits, GateStore } from './datasources/shared/gate/gate-store';
import { RedisGateStore } from './datasources/shared/gate/redis-gate-store';
import type { UpstreamName } from './datasources/shared/upstream-failure';
import type { CachedCampaignList } from './datasources/woodpecker/campaign-cache';
import type { BatchRecord } from './datasources/woodpecker/export/journal';
import { memoryRateLimitStore, type RateLimitStore } from './graphql/directives/rate-limit';
import type { ReadinessCheck } from './http/health';
import { MemoryIdempotencyStore, type IdempotencyStore, type StoreLimits } from './idempotency/idempotency-store';
import { maxRecordBytes } from './idempotency/idempotent-exports';
import { RedisIdempotencyStore } from './idempotency/redis-idempotency-store';
import { logger } from './logging/logger';
import { MemoryUsageStore } from './usage/memory-usage-store';
import { RedisUsageStore } from './usage/redis-usage-store';
import type { UsageStore } from './usage/usage-store';
import { connectRedis, describeRedisUrl } from './redis/connection';
import { apiKeyHash } from './redis/keys';
import { redisRateLimitStore } from './redis/rate-limit-store';
import { RedisCacheStore } from './redis/redis-cache-store';
import { RedisContentCacheStore } from './redis/redis-content-cache-store';

/**
 * Every piece of state that several BFF instances must share: upstream gates, per-client rate limits, the
 * campaign-list cache, export idempotency, usage accounting, attachment records and the content cache. In memory for one
 * instance (the default); in
 * Redis, under one key prefix, when REDIS_URL is set. Nothing else in the app knows which.
 */
export interface SharedState {
  /**
   * A gate store factory for the upstream runtime (undefined: the runtime's in-memory default). `lane` names a
   * second gate of the same upstream and key with limits of its own (Claude's count_tokens).
   */
  gateStore(upstream: UpstreamName, apiKey: string | undefined, lane?: string): ((limits: GateLimits) => GateStore) | undefined;
  campaignStore: CacheStore<CachedCampaignList>;
  rateLimitStore: RateLimitStore;
  /** Export progress by Idempotency-Key: each batch's record. */
  idempotencyStore: IdempotencyStore<BatchRecord>;
  /** Claude usage per day, caller and model: every instance reports the same totals. */
  usageStore: UsageStore;
  /** Who owns each uploaded file and until when: any instance may resolve, delete or sweep it. */
  attachmentStore: AttachmentStore;
  /** Generated sequences by caller and request, so an identical request is not paid for twice. */
  contentCacheStore: ContentCacheStore;
  readiness: ReadinessCheck[];
  /** Closes the Redis connection; call after the upstreams released their leases. */
  close(): Promise<void>;
}

function idempotencyLimits(config: Config): StoreLimits {
  return { maxKeys: config.idempotencyMaxKeys, maxBytesPerKey: maxRecordBytes(config.woodpecker.maxProspectsPerExport) };
}

function inMemory(config: Config): SharedState {
  return {
    gateStore: () => undefined,
    campaignStore: new MemoryCacheStore<CachedCampaignList>(),
    rateLimitStore: memoryRateLimitStore,
    idempotencyStore: new MemoryIdempotencyStore<BatchRecord>(idempotencyLimits(config)),
    usageStore: new MemoryUsageStore(),
    attachmentStore: new MemoryAttachmentStore(),
    contentCacheStore: new MemoryCacheStore<string>(Date.now, config.claude.contentCache.maxEntries),
    readiness: [],
    close: async () => undefined,
  };
}

export function createSharedState(config: Config): SharedState {
  if (!config.redis) return inMemory(config);
  const redis = connectRedis(config.redis);
  const { client, prefix } = redis;
  logger.info('shared state (limits, quotas, caches, idempotency) in Redis', {
    component: 'redis',
    redis: describeRedisUrl(config.redis.url),
    prefix,
  });
  return {
    gateStore: (upstream, apiKey, lane) => (limits) =>
      new RedisGateStore({ client, prefix: lane ? `${prefix}${lane}:` : prefix, upstream, apiKey, limits }),
    campaignStore: new RedisCacheStore<CachedCampaignList>(client, `${prefix}cache:woodpecker:${apiKeyHash(config.woodpecker.apiKey)}:`),
    rateLimitStore: redisRateLimitStore(client, prefix),
    idempotencyStore: new RedisIdempotencyStore<BatchRecord>(client, prefix, idempotencyLimits(config)),
    usageStore: new RedisUsageStore(client, prefix),
    attachmentStore: new RedisAttachmentStore(client, prefix),
    contentCacheStore: new RedisContentCacheStore(client, `${prefix}content:${apiKeyHash(config.claude.apiKey)}:`, config.claude.contentCache.maxEntries),
    readiness: [redis.readiness],
    close: () => redis.close(),
  };
}
