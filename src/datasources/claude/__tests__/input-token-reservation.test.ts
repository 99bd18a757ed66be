import { GenerateContentDocument, type LeadInput } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

/**
 * The gate reserves input tokens before each Claude call. Through the whole pipeline against the simulator,
 * which counts tokens its own way (a CJK character is 2 tokens, not 1/3.5 of one): the reservation must be what
 * Claude will count, or concurrent generations overrun the input-token limit the gate believes it respects.
 */

const BUDGET = 12_000;
// A 2 s quota "minute" on both sides, so the generations that must wait for the budget wait ~1 s, not a minute.
const WINDOW_MS = 2_000;

const CJK_GUIDANCE = '弊社は物流倉庫向けの在庫管理ソフトウェアを提供しています。導入企業では出荷ミスが大幅に減りました。'.repeat(30);

function cjkLead(i: number): LeadInput {
  return { email: `tanaka${i}@example.jp`, firstName: '太郎', lastName: '田中', company: `株式会社サンプル物流${i}`, title: '物流部長' };
}

describe('input-token reservation for non-English prompts', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        CLAUDE_INPUT_TOKENS_PER_MINUTE: String(BUDGET),
        UPSTREAM_QUOTA_WINDOW_MS: String(WINDOW_MS),
        CLAUDE_MAX_CONCURRENCY: '6',
        RATE_LIMIT_GENERATE_PER_MINUTE: '1000',
      },
      simulators: { claude: { inputTokensPerMinute: BUDGET, quotaWindowMs: WINDOW_MS } },
    });
  });
  afterAll(() => stack.close());

  it('When six CJK prompts run at once under an input-token budget, then Claude never answers 429 and all six complete', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => stack.execute(GenerateContentDocument, { input: { lead: cjkLead(i), prompt: CJK_GUIDANCE } })),
    );

    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok')).toEqual(Array(6).fill('ok'));
    // Each prompt alone is about a third of the budget, so all six at once would not have fitted.
    const billed = results.map((r) => r.data!.generateContent.usage.inputTokens);
    expect(billed.reduce((a, b) => a + b, 0)).toBeGreaterThan(BUDGET);
    expect(stack.sims.claude.stats).toMatchObject({ quotaViolations: 0, rateLimited: 0, countTokensRequests: 6 });
  });
});

describe('the count_tokens gate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A real minute: a spent budget stays spent for the whole test.
    stack = await startTestStack({
      env: { CLAUDE_COUNT_TOKENS_PER_MINUTE: '2', CLAUDE_REQUESTS_PER_MINUTE: '4', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' },
      simulators: { claude: { countTokensPerMinute: 2, requestsPerMinute: 4 } },
    });
  });
  afterAll(() => stack.close());

  it("When count_tokens' own limit is spent, then later CJK prompts reserve the byte bound at once, and no count takes a Messages request", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await stack.execute(GenerateContentDocument, { input: { lead: cjkLead(i), prompt: CJK_GUIDANCE } }));

    // Four generations under a Messages limit of four: a count spending one of them would leave the last waiting a minute.
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok')).toEqual(Array(4).fill('ok'));
    expect(stack.sims.claude.stats).toMatchObject({ countTokensRequests: 2, quotaViolations: 0, rateLimited: 0 });
  });
});
