import { CampaignsDocument, GenerateContentDocument } from '../generated/operations/graphql';
import { startTestStack, type TestStack } from '../testing/stack';

const lead = { email: 'sam.lee@northwind.example', firstName: 'Sam', company: 'Northwind' };

/** Every upstream error class, through the whole pipeline, ends as one closed-set code with honest hints. */
describe('upstream failures as the client sees them', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        CIRCUIT_MIN_CALLS: '1000',
        UPSTREAM_MAX_ATTEMPTS: '3',
        WOODPECKER_ATTEMPT_TIMEOUT_MS: '150',
        RATE_LIMIT_GENERATE_PER_MINUTE: '1000',
      },
      simulators: { woodpecker: { slowMs: 300 }, claude: { sendRetryAfterMs: true, faultRetryAfterMs: 20 } },
    });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.sims.woodpecker.resetStats();
    stack.sims.claude.resetStats();
    // forceRefresh alone would share the answer of a load the test before started within the refresh window.
    await stack.deps.woodpecker.campaignCache.invalidate();
  });

  const readCampaigns = () => stack.execute(CampaignsDocument, { forceRefresh: true }, { requestId: 'req-errors-123' });
  const generate = () => stack.execute(GenerateContentDocument, { input: { lead } }, { requestId: 'req-errors-123' });

  function expectClosedError(errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined, code: string) {
    expect(errors).toHaveLength(1);
    const [error] = errors!;
    expect(error!.extensions).toMatchObject({ code, requestId: 'req-errors-123', retryable: expect.any(Boolean) });
    expect(error!.message).not.toMatch(/E_[A-Z_]+|_error|sim-|stack|at .*\.ts/);
    return error!;
  }

  it.each([
    ['server_error', 'UPSTREAM_UNAVAILABLE'],
    ['unavailable', 'UPSTREAM_UNAVAILABLE'],
    ['html', 'UPSTREAM_UNAVAILABLE'],
    ['malformed', 'UPSTREAM_UNAVAILABLE'],
    ['reset', 'UPSTREAM_UNAVAILABLE'],
    ['too_many_requests', 'UPSTREAM_RATE_LIMITED'],
  ] as const)('When Woodpecker keeps failing with %s, then %s (retryable) after 3 attempts', async (fault, code) => {
    stack.sims.woodpecker.script('campaign_list', [fault, fault, fault]);
    const result = await readCampaigns();
    expect(expectClosedError(result.errors, code).extensions?.retryable).toBe(true);
    expect(stack.sims.woodpecker.stats.byRoute.campaign_list).toBe(3);
  });

  it('When Woodpecker fails twice and then answers, then the client gets the data', async () => {
    stack.sims.woodpecker.script('campaign_list', ['server_error', 'too_many_requests', 'ok']);
    const result = await readCampaigns();
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaigns.length).toBeGreaterThan(0);
  });

  it('When the Woodpecker key is wrong, then a generic INTERNAL_SERVER_ERROR after one attempt', async () => {
    const key = stack.sims.woodpecker.apiKey;
    stack.sims.woodpecker.configure({ apiKey: 'rotated-key-somewhere-else' });
    try {
      const error = expectClosedError((await readCampaigns()).errors, 'INTERNAL_SERVER_ERROR');
      expect(error.extensions?.retryable).toBe(false);
      expect(stack.sims.woodpecker.stats.requests).toBe(1);
    } finally {
      stack.sims.woodpecker.configure({ apiKey: key });
    }
  });

  it.each([
    ['overloaded', 'UPSTREAM_UNAVAILABLE'],
    ['server_error', 'UPSTREAM_UNAVAILABLE'],
    ['reset', 'UPSTREAM_UNAVAILABLE'],
    ['rate_limited', 'UPSTREAM_RATE_LIMITED'],
  ] as const)('When Claude keeps failing with %s, then %s (retryable)', async (fault, code) => {
    stack.sims.claude.script('messages', [fault, fault, fault]);
    const error = expectClosedError((await generate()).errors, code);
    expect(error.extensions?.retryable).toBe(true);
    expect(stack.sims.claude.stats.requests).toBe(3);
  });

  it('When Claude is rate limited with a retry hint, then the client gets retryAfterSeconds', async () => {
    stack.sims.claude.script('messages', ['rate_limited', 'rate_limited', 'rate_limited']);
    const error = expectClosedError((await generate()).errors, 'UPSTREAM_RATE_LIMITED');
    expect(error.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('When Claude is overloaded twice and then answers, then the content is generated', async () => {
    stack.sims.claude.script('messages', ['overloaded', 'overloaded', 'ok']);
    const result = await generate();
    expect(result.errors).toBeUndefined();
    expect(result.data?.generateContent.snippet1).toBeTruthy();
    expect(stack.sims.claude.stats.requests).toBe(3);
  });

  it('When the Anthropic spend cap is reached, then QUOTA_EXHAUSTED at once, never retried', async () => {
    stack.sims.claude.configure({ spendCapReached: true });
    try {
      const error = expectClosedError((await generate()).errors, 'QUOTA_EXHAUSTED');
      expect(error.extensions?.retryable).toBe(false);
      expect(stack.sims.claude.stats.requests).toBe(1);
    } finally {
      stack.sims.claude.configure({ spendCapReached: false });
    }
  });

  it('When the Anthropic key is wrong, then a generic INTERNAL_SERVER_ERROR after one attempt', async () => {
    const key = stack.sims.claude.apiKey;
    stack.sims.claude.configure({ apiKey: 'another-org-key-0000' });
    try {
      expectClosedError((await generate()).errors, 'INTERNAL_SERVER_ERROR');
      expect(stack.sims.claude.stats.requests).toBe(1);
    } finally {
      stack.sims.claude.configure({ apiKey: key });
    }
  });

  // Last: like the real one, the simulated Woodpecker keeps working on an abandoned request, one at a time.
  it('When Woodpecker does not answer within the attempt timeout, then UPSTREAM_TIMEOUT (retryable) after 3 attempts', async () => {
    stack.sims.woodpecker.script('campaign_list', ['slow', 'slow', 'slow']);
    const error = expectClosedError((await readCampaigns()).errors, 'UPSTREAM_TIMEOUT');
    expect(error.extensions?.retryable).toBe(true);
    expect(stack.sims.woodpecker.stats.byRoute.campaign_list).toBe(3);
  });
});
