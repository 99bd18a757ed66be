import { type WoodpeckerSimulator, startWoodpeckerSimulator } from '../index';
import { addProspects, callWoodpecker, sleep } from './helpers';

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

  describe('when the client leaves (closing the socket does not stop Woodpecker)', () => {
    const campaignId = () => [...sim.store.campaigns()].find((c) => c.status === 'RUNNING')!.id;
    const untilArrived = async (requests: number) => {
      for (let i = 0; i < 200 && sim.stats.requests < requests; i++) await sleep(5);
      expect(sim.stats.requests).toBe(requests);
    };
    /** The simulator has seen the sockets close (`inFlight` counts open connections' requests). */
    const untilSocketsClosed = async (open: number) => {
      for (let i = 0; i < 200 && sim.stats.inFlight > open; i++) await sleep(5);
      expect(sim.stats.inFlight).toBe(open);
    };

    it('When a client disconnects while its write is processed, then the request stays open until the work is done and the write is applied', async () => {
      sim.configure({ latencyMs: 300 });
      const gone = new AbortController();
      const body = { campaign: { campaign_id: campaignId() }, prospects: [{ email: 'left.early@example.com' }] };
      const abandoned = addProspects(sim, body, gone.signal).catch(() => 'disconnected');
      await untilArrived(1);
      gone.abort();
      expect(await abandoned).toBe('disconnected');
      await untilSocketsClosed(0);

      const next = await callWoodpecker(sim, '/v1/me');

      expect(next.status).toBe(200);
      // The second arrived while Woodpecker still worked on the first: two requests in its hands.
      expect(sim.stats.maxConcurrentPerKey).toBe(2);
      expect(sim.store.prospectByEmail('left.early@example.com')).toBeDefined();
    });

    it('When a client leaves while its write waits in the queue, then the write is still applied in turn and counts as open', async () => {
      sim.configure({ latencyMs: 200 });
      const first = callWoodpecker(sim, '/v1/me');
      await untilArrived(1);
      const gone = new AbortController();
      const body = { campaign: { campaign_id: campaignId() }, prospects: [{ email: 'queued.then.left@example.com' }] };
      const queued = addProspects(sim, body, gone.signal).catch(() => 'disconnected');
      await untilArrived(2);
      gone.abort();
      expect(await queued).toBe('disconnected');
      await untilSocketsClosed(1);

      const third = await callWoodpecker(sim, '/v1/me');

      expect((await first).status).toBe(200);
      expect(third.status).toBe(200);
      // FIFO: the abandoned write ran before the third request.
      expect(sim.store.prospectByEmail('queued.then.left@example.com')).toBeDefined();
      expect(sim.stats.maxConcurrentPerKey).toBe(3);
      expect(sim.stats.dropped).toBe(0);
    });
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
