import { CampaignsDocument, GenerateContentDocument, ProspectsDocument, UpstreamsDocument } from '../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../testing/stack';

const lead = { email: 'kim.park@globex.example', firstName: 'Kim', company: 'Globex' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each resilience rule, observed through the whole pipeline with the simulators on loopback. */
describe('resilience rules through the pipeline', () => {
  describe('gate and queue', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        env: { UPSTREAM_QUEUE_MAX: '2', CIRCUIT_MIN_CALLS: '1000', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' },
        simulators: { woodpecker: { latencyMs: 150 }, claude: { sendRetryAfterMs: true, faultRetryAfterMs: 400 } },
      });
    });
    afterAll(() => stack.close());
    beforeEach(() => {
      stack.sims.woodpecker.resetStats();
      stack.sims.claude.resetStats();
    });

    it('When identical reads arrive together, then they share one upstream call', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => stack.execute(ProspectsDocument, { page: 3, perPage: 20 })));
      expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
      expect(stack.sims.woodpecker.stats.byRoute.prospects).toBe(1);
    });

    it('When more calls wait than the queue holds, then the excess fails fast with UPSTREAM_BUSY and a retry hint', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => stack.execute(ProspectsDocument, { page: 10 + i, perPage: 5 })));
      const busy = results.filter((r) => r.errors?.[0]?.extensions?.code === 'UPSTREAM_BUSY');
      expect(busy.length).toBeGreaterThanOrEqual(3);
      expect(busy[0]!.errors![0]!.extensions).toMatchObject({ retryable: true, retryAfterSeconds: expect.any(Number) });
      expect(results.filter((r) => !r.errors).length).toBeGreaterThanOrEqual(1);
      expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
    });

    it('When a client disconnects while its call is queued, then the call never reaches the upstream', async () => {
      const first = stack.execute(ProspectsDocument, { page: 20, perPage: 5 });
      const gone = new AbortController();
      const second = stack.execute(ProspectsDocument, { page: 21, perPage: 5 }, { signal: gone.signal });
      await sleep(30);
      gone.abort(new Error('client disconnected'));
      await Promise.all([first, second]);
      expect(stack.sims.woodpecker.stats.byRoute.prospects).toBe(1);
      const woodpecker = (await stack.execute(UpstreamsDocument, {})).data!.upstreams[1]!;
      expect(woodpecker).toMatchObject({ queued: 0, inFlight: 0 });
    });

    it('When Claude answers 429 with retry-after, then the whole gate pauses, also for an unrelated call', async () => {
      stack.sims.claude.script('messages', ['rate_limited']);
      const retried = stack.execute(GenerateContentDocument, { input: { lead } });
      await sleep(100);
      const status = (await stack.execute(UpstreamsDocument, {})).data!.upstreams[0]!;
      expect(Date.parse(status.pausedUntil!)).toBeGreaterThan(Date.now());
      const unrelated = stack.execute(GenerateContentDocument, { input: { lead: { ...lead, email: 'other@globex.example' } } });
      await sleep(100);
      expect(stack.sims.claude.stats.requests).toBe(1);
      const [a, b] = await Promise.all([retried, unrelated]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(stack.sims.claude.stats.requests).toBe(3);
    });
  });

  describe('deadline', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ env: { DEADLINE_READ_MS: '300', CIRCUIT_MIN_CALLS: '1000' }, simulators: { woodpecker: { latencyMs: 3000 } } });
    });
    afterAll(() => stack.close());

    it('When the upstream is slower than the operation deadline, then UPSTREAM_TIMEOUT before the upstream has answered', async () => {
      const result = await stack.execute(CampaignsDocument, { forceRefresh: true });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
      // The client got its answer while Woodpecker was still working on the request (3 s): it did not wait for it.
      expect(stack.sims.woodpecker.stats.byRoute.campaign_list).toBe(1);
      expect(stack.sims.woodpecker.stats.responsesByStatus).toEqual({});
    });
  });

  describe('circuit breaker', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({
        env: { CIRCUIT_MIN_CALLS: '4', CIRCUIT_FAILURE_THRESHOLD: '50', CIRCUIT_OPEN_MS: '300', UPSTREAM_MAX_ATTEMPTS: '2' },
      });
    });
    afterAll(() => stack.close());

    const circuit = async () => (await stack.execute(UpstreamsDocument, {})).data!.upstreams[1]!;

    it('When Woodpecker fails persistently, then the circuit opens, fails fast, probes and closes again', async () => {
      stack.sims.woodpecker.script('campaign_list', Array(4).fill('server_error'));
      await stack.execute(CampaignsDocument, { forceRefresh: true });
      await stack.execute(CampaignsDocument, { forceRefresh: true });
      expect(await circuit()).toMatchObject({ circuit: 'OPEN', lastErrorClass: 'server_error' });

      stack.sims.woodpecker.resetStats();
      const fast = await stack.execute(CampaignsDocument, { forceRefresh: true });
      expect(fast.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, retryAfterSeconds: 1 });
      expect(stack.sims.woodpecker.stats.requests).toBe(0);

      await sleep(350);
      const probe = await stack.execute(CampaignsDocument, { forceRefresh: true });
      expect(probe.errors).toBeUndefined();
      expect(await circuit()).toMatchObject({ circuit: 'CLOSED' });
    });
  });
});
