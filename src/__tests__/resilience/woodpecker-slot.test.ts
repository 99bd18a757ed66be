import {
  AddProspectsToCampaignDocument,
  CampaignsDocument,
  ProspectsDocument,
  UpstreamsDocument,
} from '../../generated/operations/graphql';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../testing/redis-suite';
import { startTestStack, type TestStack } from '../../testing/stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls (bounded) until the simulated Woodpecker has received `count` requests. */
async function untilWoodpeckerReceived(stack: TestStack, count: number): Promise<void> {
  for (let i = 0; i < 400 && stack.sims.woodpecker.stats.requests < count; i++) await sleep(5);
  expect(stack.sims.woodpecker.stats.requests).toBe(count);
}

/** The production Redis client has no offline queue: wait (bounded) until the instance reports Redis reachable. */
async function untilReady(stack: TestStack): Promise<void> {
  for (let i = 0; i < 250 && (await fetch(`${stack.baseUrl}/readyz`)).status !== 200; i++) await sleep(20);
  expect((await fetch(`${stack.baseUrl}/readyz`)).status).toBe(200);
}

async function woodpeckerInFlight(stack: TestStack): Promise<number> {
  return (await stack.execute(UpstreamsDocument, {})).data!.upstreams[1]!.inFlight;
}

/**
 * Woodpecker works on one request at a time per key and keeps working on a request whose socket closed, so
 * the BFF's slot is held until Woodpecker answered (or a hard ceiling passed), never only until we stopped
 * waiting. The simulator counts a request as in Woodpecker's hands from arrival until its work is done.
 */
describe("Woodpecker's one slot is held until Woodpecker answered", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        CIRCUIT_MIN_CALLS: '1000',
        WOODPECKER_ATTEMPT_TIMEOUT_MS: '200',
        WOODPECKER_SLOT_CEILING_MS: '5000',
        RATE_LIMIT_EXPORT_PER_MINUTE: '1000',
        RATE_LIMIT_READ_PER_MINUTE: '1000',
      },
      simulators: { woodpecker: { slowMs: 600, faultAfterApplyRatio: 1 } },
    });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    // The previous scenario's abandoned exchange must be over before the counters restart.
    for (let i = 0; i < 400 && (await woodpeckerInFlight(stack)) > 0; i++) await sleep(10);
    stack.sims.woodpecker.configure({ latencyMs: 0 });
    stack.sims.woodpecker.resetStats();
    // A forceRefresh within 5 s of the last campaign-list load shares it: each test reads Woodpecker afresh.
    await stack.deps.woodpecker.campaignCache.invalidate();
  });

  it('When a caller disconnects mid-read, then the next read is not sent until Woodpecker answered the first', async () => {
    stack.sims.woodpecker.configure({ latencyMs: 150 }); // below the attempt timeout: only the disconnect ends the wait
    const gone = new AbortController();
    const first = stack.execute(ProspectsDocument, { page: 1, perPage: 5 }, { signal: gone.signal });
    await untilWoodpeckerReceived(stack, 1);
    gone.abort(new Error('client disconnected'));
    const abandoned = await first;

    const next = await stack.execute(ProspectsDocument, { page: 2, perPage: 5 });

    expect(abandoned.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
    expect(next.errors).toBeUndefined();
    expect(stack.sims.woodpecker.stats.byRoute.prospects).toBe(2);
    expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });

  it('When an attempt times out, then the retry is sent only after Woodpecker answered the first attempt', async () => {
    stack.sims.woodpecker.script('campaign_list', ['slow']);

    const result = await stack.execute(CampaignsDocument, { forceRefresh: true });

    expect(result.errors).toBeUndefined();
    expect(stack.sims.woodpecker.stats.byRoute.campaign_list).toBe(2);
    expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });

  it('When an export batch times out, then its re-send waits for the first answer and counts the duplicates as succeeded', async () => {
    const campaign = [...stack.sims.woodpecker.store.campaigns()].find((c) => c.status === 'RUNNING')!;
    const prospects = [1, 2, 3].map((i) => ({ email: `slot.${i}@held.example`, firstName: `Held${i}` }));
    stack.sims.woodpecker.script('add_prospects_campaign', ['slow']); // applied, then answered after slowMs

    const result = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: String(campaign.id), prospects } });

    expect(result.data?.addProspectsToCampaign).toEqual({ __typename: 'ExportResult', total: 3, succeeded: 3, failed: 0, duplicates: 0, errors: [] });
    expect(stack.sims.woodpecker.stats.byRoute.add_prospects_campaign).toBe(2);
    expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });
});

describe('The slot ceiling', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { CIRCUIT_MIN_CALLS: '1000', DEADLINE_READ_MS: '300', WOODPECKER_ATTEMPT_TIMEOUT_MS: '200', WOODPECKER_SLOT_CEILING_MS: '1000' },
      simulators: { woodpecker: { slowMs: 10_000 } },
    });
  });
  afterAll(() => stack.close());

  it('When Woodpecker never answers, then the slot stays held after the caller gave up and is freed at the ceiling', async () => {
    stack.sims.woodpecker.script('prospects', ['slow']);
    const first = await stack.execute(ProspectsDocument, { page: 1, perPage: 5 });
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    // The caller has its answer, yet Woodpecker still works on the request: the slot is still taken.
    expect(await woodpeckerInFlight(stack)).toBe(1);

    for (let i = 0; i < 300 && (await woodpeckerInFlight(stack)) > 0; i++) await sleep(10);
    expect(await woodpeckerInFlight(stack)).toBe(0);
    const next = stack.execute(ProspectsDocument, { page: 2, perPage: 5 });
    await untilWoodpeckerReceived(stack, 2);

    // Woodpecker never answered the first, yet the next request went out: the ceiling freed the slot (and
    // Woodpecker now holds two, the price of cutting a request it may still work on).
    expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(2);
    await next;
  });
});

describeWithRedis('Two instances sharing the Woodpecker slot through Redis', () => {
  let a: TestStack;
  let b: TestStack;
  beforeAll(async () => {
    const env = {
      CIRCUIT_MIN_CALLS: '1000',
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: uniquePrefix('slot'),
      // A lease far shorter than Woodpecker's answer: only renewal keeps the other instance out.
      UPSTREAM_LEASE_TTL_MS: '300',
      WOODPECKER_ATTEMPT_TIMEOUT_MS: '200',
    };
    a = await startTestStack({ env, simulators: { woodpecker: { slowMs: 1_500 } } });
    b = await startTestStack({ env, sharedSimulators: a.sims });
    await Promise.all([untilReady(a), untilReady(b)]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('When an answer takes longer than the lease TTL, then the other instance never has a request in Woodpecker at the same time', async () => {
    a.sims.woodpecker.script('prospects', ['slow']);
    const first = a.execute(ProspectsDocument, { page: 1, perPage: 5 });
    await untilWoodpeckerReceived(a, 1);
    await sleep(300); // past a's attempt timeout and past the lease TTL
    const second = b.execute(ProspectsDocument, { page: 2, perPage: 5 });

    const [fromA, fromB] = await Promise.all([first, second]);

    expect(fromA.errors).toBeUndefined();
    expect(fromB.errors).toBeUndefined();
    expect(a.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });
});
