import { GenerateContentDocument, UpstreamsDocument } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

describe('Query.upstreams', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { CLAUDE_REQUESTS_PER_MINUTE: '40', CLAUDE_OUTPUT_TOKENS_PER_MINUTE: '50000', WOODPECKER_REQUESTS_PER_MINUTE: '90' },
      simulators: { claude: { requestsPerMinute: 30 } },
    });
  });
  afterAll(() => stack.close());

  it('When nothing has happened yet, then both upstreams report their configured limits and a closed circuit', async () => {
    const result = await stack.execute(UpstreamsDocument, {});
    expect(result.errors).toBeUndefined();
    const [claude, woodpecker] = result.data!.upstreams;
    expect(claude).toMatchObject({ name: 'CLAUDE', simulated: false, queued: 0, inFlight: 0, circuit: 'CLOSED', pausedUntil: null });
    expect(claude!.limits).toMatchObject({ requestsPerMinute: 40, outputTokensPerMinute: 50000, maxConcurrency: 4, maxAttempts: 4 });
    expect(woodpecker).toMatchObject({ name: 'WOODPECKER', circuit: 'CLOSED' });
    expect(woodpecker!.limits).toMatchObject({ maxConcurrency: 1, requestsPerMinute: 90, queueMax: 100 });
  });

  it('When Claude has answered, then its budgets show what Anthropic last reported, lowered to its real limit', async () => {
    await stack.execute(GenerateContentDocument, { input: { lead: { email: 'a.b@c.example', company: 'C' } } });
    const claude = (await stack.execute(UpstreamsDocument, {})).data!.upstreams[0]!;
    const requests = claude.budgets.find((b) => b.dimension === 'requests')!;
    expect(requests.upstreamRemaining).toBe(29);
    expect(requests.limit).toBe(30);
    expect(requests.remaining).toBeLessThanOrEqual(29);
    expect(Date.parse(requests.upstreamResetAt!)).toBeGreaterThan(Date.now() - 1000);
  });
});
