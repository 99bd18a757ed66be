import { GenerateContentDocument, UsageDocument } from '../../../generated/operations/graphql';
import type { Caller } from '../../../auth/caller';
import { startTestStack, type TestStack } from '../../../testing/stack';

const lead = { email: 'omar.haddad@fabrikam.example', firstName: 'Omar', company: 'Fabrikam' };
const alice: Caller = { id: 'alice', kind: 'token' };
const carol: Caller = { id: 'carol', kind: 'jwt' };
const operator: Caller = { id: 'ops', kind: 'token' };
/** Default list prices, USD per million tokens. */
const PRICES: Record<string, [number, number]> = { 'claude-sonnet-4-6': [3, 15], 'claude-haiku-4-5': [1, 5] };

type Tokens = { inputTokens: number; outputTokens: number };

function costOf(model: string, { inputTokens, outputTokens }: Tokens): number {
  const [input, output] = PRICES[model]!;
  return (inputTokens * input + outputTokens * output) / 1_000_000;
}

describe('Query.usage', () => {
  let stack: TestStack;
  /** What each generation reported, to compare the report with. */
  const aliceSonnet = { requests: 0, inputTokens: 0, outputTokens: 0 };
  const aliceHaiku = { requests: 0, inputTokens: 0, outputTokens: 0 };

  beforeAll(async () => {
    stack = await startTestStack({ env: { OPERATOR_CALLERS: 'ops,ip:10.0.0.9', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' } });
    for (const [model, sum] of [
      [undefined, aliceSonnet],
      [undefined, aliceSonnet],
      ['claude-haiku-4-5', aliceHaiku],
    ] as const) {
      const result = await stack.execute(GenerateContentDocument, { input: { lead, model } }, { caller: alice });
      const { usage } = result.data!.generateContent;
      sum.requests += 1;
      sum.inputTokens += usage.inputTokens;
      sum.outputTokens += usage.outputTokens;
    }
    // An answer that stays unusable after the re-ask: two calls, both paid for.
    stack.sims.claude.configure({ outputFormat: 'six_blocks' });
    const invalid = await stack.execute(GenerateContentDocument, { input: { lead } }, { caller: carol });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('CONTENT_INVALID');
    stack.sims.claude.configure({ outputFormat: 'blocks' });
  });
  afterAll(() => stack.close());

  it("When a caller asks for today's usage, then it gets its own totals per model, with the estimated cost", async () => {
    const result = await stack.execute(UsageDocument, { period: 'TODAY' }, { caller: alice });
    expect(result.errors).toBeUndefined();
    const today = new Date().toISOString().slice(0, 10);
    const sonnet = { __typename: 'ModelUsage', model: 'claude-sonnet-4-6', ...aliceSonnet, estimatedCostUsd: expect.closeTo(costOf('claude-sonnet-4-6', aliceSonnet), 6) };
    const haiku = { __typename: 'ModelUsage', model: 'claude-haiku-4-5', ...aliceHaiku, estimatedCostUsd: expect.closeTo(costOf('claude-haiku-4-5', aliceHaiku), 6) };
    expect(result.data?.usage).toEqual({
      __typename: 'UsageReport',
      period: 'TODAY',
      scope: 'OWN',
      from: today,
      to: today,
      totals: [haiku, sonnet],
      estimatedCostUsd: expect.closeTo(costOf('claude-sonnet-4-6', aliceSonnet) + costOf('claude-haiku-4-5', aliceHaiku), 6),
      callers: [{ __typename: 'CallerUsage', caller: 'alice', models: [haiku, sonnet], estimatedCostUsd: expect.any(Number) }],
    });
  });

  it('When the month is asked for, then it runs from the 1st (UTC) and includes today', async () => {
    const result = await stack.execute(UsageDocument, { period: 'MONTH' }, { caller: alice });
    const { from, to, totals } = result.data!.usage;
    expect(from).toBe(`${to.slice(0, 8)}01`);
    expect(totals.map((t) => [t.model, t.requests])).toEqual([
      ['claude-haiku-4-5', 1],
      ['claude-sonnet-4-6', 2],
    ]);
  });

  it('When Claude had to be asked again, then both calls count: each one was paid for', async () => {
    const result = await stack.execute(UsageDocument, {}, { caller: carol });
    expect(result.data?.usage.totals).toEqual([expect.objectContaining({ model: 'claude-sonnet-4-6', requests: 2 })]);
  });

  it('When an operator asks for everyone, then every caller has its row and the totals cover them all', async () => {
    const result = await stack.execute(UsageDocument, { scope: 'ALL' }, { caller: operator });
    expect(result.errors).toBeUndefined();
    const report = result.data!.usage;
    expect(report.scope).toBe('ALL');
    expect(report.callers.map((c) => c.caller).sort()).toEqual(['alice', 'carol']);
    const sonnet = report.totals.find((t) => t.model === 'claude-sonnet-4-6');
    expect(sonnet?.requests).toBe(aliceSonnet.requests + 2);
    expect(report.estimatedCostUsd).toBeCloseTo(
      report.callers.reduce((sum, c) => sum + c.estimatedCostUsd, 0),
      6,
    );
  });

  it.each([
    ['a caller who is not an operator', alice],
    ['an anonymous caller at an address listed as an operator', { id: 'ip:10.0.0.9', kind: 'anonymous' } as Caller],
  ])('When %s asks for everyone, then FORBIDDEN', async (_, caller) => {
    const result = await stack.execute(UsageDocument, { scope: 'ALL' }, { caller });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', retryable: false });
  });
});
