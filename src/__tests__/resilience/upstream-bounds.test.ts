import { CampaignsDocument, ProspectsDocument, UpstreamsDocument } from '../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../testing/stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What an upstream's answer can make the server do is bounded: the size of a body, the length of a pause. */
describe('bounds on what an upstream answer can cost us', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        CIRCUIT_MIN_CALLS: '1000',
        UPSTREAM_MAX_ATTEMPTS: '2',
        WOODPECKER_MAX_RESPONSE_BYTES: '8192',
        UPSTREAM_MAX_RETRY_AFTER_MS: '100',
        RATE_LIMIT_READ_PER_MINUTE: '1000',
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.sims.woodpecker.resetStats();
    // A forceRefresh within 5 s of the last campaign-list load shares it: each test reads Woodpecker afresh.
    await stack.deps.woodpecker.campaignCache.invalidate();
  });

  it('When a Woodpecker body is over the size cap, then UPSTREAM_UNAVAILABLE, while smaller answers still work', async () => {
    const big = await stack.execute(ProspectsDocument, { page: 1, perPage: 50 }); // ~40 KB of prospects
    const small = await stack.execute(ProspectsDocument, { page: 1, perPage: 2 });

    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(small.errors).toBeUndefined();
    expect(small.data?.prospects.items).toHaveLength(2);
  });

  it('When Woodpecker asks to retry after an hour, then the caller gets UPSTREAM_RATE_LIMITED with that hint and the gate pauses only for the cap', async () => {
    stack.sims.woodpecker.configure({ sendRetryAfter: true, retryAfterSeconds: 3_600 });
    try {
      stack.sims.woodpecker.script('campaign_list', ['too_many_requests']);
      const throttled = await stack.execute(CampaignsDocument, { forceRefresh: true });

      expect(throttled.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 3_600 });
      expect(stack.sims.woodpecker.stats.byRoute.campaign_list).toBe(1); // not retried: the hint is beyond the cap
      const status = (await stack.execute(UpstreamsDocument, {})).data!.upstreams[1]!;
      // Paused for the cap (100 ms) at most, not for the hour.
      expect(Date.parse(status.pausedUntil ?? new Date(0).toISOString())).toBeLessThan(Date.parse(status.lastErrorAt!) + 1_000);

      const paused = async () => (await stack.execute(UpstreamsDocument, {})).data!.upstreams[1]!.pausedUntil;
      for (let i = 0; i < 100 && (await paused()); i++) await sleep(10);
      const after = await stack.execute(CampaignsDocument, { forceRefresh: true });
      expect(after.errors).toBeUndefined();
    } finally {
      stack.sims.woodpecker.configure({ sendRetryAfter: false, retryAfterSeconds: 1 });
    }
  });
});
