import type Redis from 'ioredis';
import type { ContentCacheStore } from '../datasources/claude/content-cache';

/**
 * KEYS[1] the entry, KEYS[2] the index: a sorted set of entry keys scored by their expiry (Redis's own clock).
 * ARGV: value, ttlMs, maxEntries. Stores the entry with its TTL, forgets index members that expired, and evicts
 * the entries that expire soonest (the oldest) beyond maxEntries, so every instance shares one bounded cache.
 */
const PUT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], now + ttl, KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  for _, oldest in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do redis.call('DEL', oldest) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
redis.call('PEXPIRE', KEYS[2], ttl)
return 1
`;

type Commands = { bffContentCachePut(entry: string, index: string, value: string, ttlMs: number, maxEntries: number): Promise<unknown> };

/** The content cache shared by every instance, under `<namespace><key>`, indexed in `<namespace>index`. */
export class RedisContentCacheStore implements ContentCacheStore {
  private readonly commands: Commands;

  constructor(
    private readonly client: Redis,
    private readonly namespace: string,
    private readonly maxEntries: number,
  ) {
    client.defineCommand('bffContentCachePut', { numberOfKeys: 2, lua: PUT });
    this.commands = client as unknown as Commands;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.namespace + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.commands.bffContentCachePut(this.namespace + key, `${this.namespace}index`, value, ttlMs, this.maxEntries);
  }
}
