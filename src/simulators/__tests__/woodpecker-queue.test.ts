import { type WoodpeckerSimulator, startWoodpeckerSimulator } from '../index';
import { callWoodpecker, sleep } from './helpers';

describe('Woodpecker simulator concurrency model (one request at a time per key)', () => {
  let sim: WoodpeckerSimulator;

  beforeAll(async () => {
    sim = await startWoodpeckerSimulator({ extraApiKeys: ['other-key'] });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({ latencyMs: 0, maxQueue: 6, maxQueueWaitMs: 15_000, tooManyRequestsStatus: 400, sendRetryAfter: false, requestsPerMinute: 0 });
    sim.resetStats();
  });

  it('When 10 requests arrive together with maxQueue 6, then 1 runs, 6 wait and 3 are dropped at once', async () => {
    sim.configure({ latencyMs: 200 }); // long enough for all 10 to arrive while the first is served

    const responses = await Promise.all(Array.from({ length: 10 }, () => callWoodpecker(sim, '/v1/campaign_list')));

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 400, 400, 400]);
    const dropped = await Promise.all(responses.filter((r) => r.status === 400).map((r) => r.json()));
    expect(dropped[0]).toEqual({ status: { status: 'ERROR', code: 'E_TOO_MANY_REQUESTS', msg: 'Too many simultaneous requests' } });
    expect(sim.stats).toMatchObject({ dropped: 3, queuedMax: 6, queueTimeouts: 0 });
    expect(sim.stats.maxConcurrentPerKey).toBeGreaterThanOrEqual(7);
  });

  it('When requests are sent one after another, then maxConcurrentPerKey stays 1', async () => {
    for (let i = 0; i < 5; i++) await callWoodpecker(sim, '/v1/me');

    expect(sim.stats.maxConcurrentPerKey).toBe(1);
    expect(sim.stats.dropped).toBe(0);
  });

  it('When a queued request waits longer than maxQueueWaitMs, then it gets E_TOO_MANY_REQUESTS', async () => {
    sim.configure({ latencyMs: 200, maxQueueWaitMs: 50 });

    const [first, second] = await Promise.all([callWoodpecker(sim, '/v1/me'), callWoodpecker(sim, '/v1/me')]);

    expect([first.status, second.status].sort()).toEqual([200, 400]);
    expect(sim.stats).toMatchObject({ dropped: 1, queueTimeouts: 1 });
  });

  it('When throttling is configured as 429 with Retry-After, then E_TOO_MANY_REQUESTS uses them', async () => {
    sim.configure({ latencyMs: 300, maxQueue: 0, tooManyRequestsStatus: 429, sendRetryAfter: true, retryAfterSeconds: 2 });

    const [, dropped] = await Promise.all([callWoodpecker(sim, '/v1/me'), sleep(20).then(() => callWoodpecker(sim, '/v1/me'))]);

    expect(dropped.status).toBe(429);
    expect(dropped.headers.get('retry-after')).toBe('2');
  });

  it('When two keys send at the same time, then each key has its own slot', async () => {
    sim.configure({ latencyMs: 100, maxQueue: 0 });

    const responses = await Promise.all([
      callWoodpecker(sim, '/v1/me'),
      callWoodpecker(sim, '/v1/me', { headers: { 'x-api-key': 'other-key' } }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(sim.stats.maxConcurrentPerKey).toBe(1);
  });

  it('When requestsPerMinute is set, then requests over it are E_TOO_MANY_REQUESTS quota violations', async () => {
    sim.configure({ requestsPerMinute: 2, quotaWindowMs: 60_000 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callWoodpecker(sim, '/v1/me')).status);

    expect(statuses).toEqual([200, 200, 400]);
    expect(sim.stats).toMatchObject({ quotaViolations: 1, rateLimited: 1, dropped: 0 });
    sim.resetData(); // forget the spent bucket
  });
});
