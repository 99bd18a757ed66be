import { loadConfig } from '../../../config';
import { configureLogger } from '../../../logging/logger';
import { createSharedState, type SharedState } from '../../../shared-state';
import { FAST_TEST_ENV } from '../../../testing/test-env';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../../testing/redis-suite';
import type { GateLimits } from '../../shared/gate/gate-store';

const TTL = 10_000;
const LIMITS: GateLimits = { maxConcurrency: 10, budgets: { requests: 2 }, windowMs: 600_000 };

/** Two BFF instances on one Redis: count_tokens has a gate of its own, shared by both, apart from the Messages gate. */
describeWithRedis('count_tokens gate in Redis', () => {
  const instances: SharedState[] = [];
  beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));
  afterAll(() => Promise.all(instances.map((s) => s.close())));

  /** A started instance's shared state, once its Redis connection takes commands (at most 50 checks). */
  async function instance(prefix: string): Promise<SharedState> {
    const config = loadConfig({ ...FAST_TEST_ENV, ANTHROPIC_API_KEY: 'test-key', REDIS_URL: redisTestUrl, REDIS_PREFIX: prefix });
    const shared = createSharedState(config);
    instances.push(shared);
    for (let i = 0; i < 50 && !(await shared.readiness[0]!.check()).ok; i++) await new Promise((r) => setTimeout(r, 20));
    return shared;
  }

  it("When one instance spends the count_tokens budget, then the other instance's counts wait while its Messages gate is untouched", async () => {
    const prefix = uniquePrefix('count-gate');
    const [a, b] = await Promise.all([instance(prefix), instance(prefix)]);
    const countsOf = (s: SharedState) => s.gateStore('claude', 'test-key', 'count_tokens')!(LIMITS);
    const messagesOf = (s: SharedState) => s.gateStore('claude', 'test-key')!(LIMITS);

    expect((await countsOf(a).tryAcquire({ requests: 2 }, Date.now(), TTL)).ok).toBe(true);

    expect(await countsOf(b).tryAcquire({ requests: 1 }, Date.now(), TTL)).toMatchObject({ ok: false, reason: 'budget' });
    expect((await messagesOf(b).tryAcquire({ requests: 1 }, Date.now(), TTL)).ok).toBe(true);
  });
});
