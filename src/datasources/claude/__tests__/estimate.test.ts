import { startTestStack, type TestStack } from '../../../testing/stack';
import { claudeFor, collect, completedContent, LEAD_REQUEST } from './generation-harness';

const CJK_REQUEST = {
  lead: { email: 'tanaka@example.jp', firstName: '太郎', lastName: '田中', company: '株式会社サンプル物流', title: '物流部長' },
  prompt: '弊社は物流倉庫向けの在庫管理ソフトウェアを提供しています。',
};

describe('ClaudeAPI.estimate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CLAUDE_ALLOWED_MODELS: 'claude-sonnet-4-6,claude-opus-5' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it.each([
    ['English prose', LEAD_REQUEST],
    ['Japanese', CJK_REQUEST],
  ])('When %s is estimated and then generated, then the estimate is within 10%% of the input tokens Claude reports', async (_name, request) => {
    const estimate = await claudeFor(stack).estimate(request);
    const content = completedContent(await collect(claudeFor(stack).generateStream(request)));

    expect(Math.abs(estimate.inputTokens - content.usage.inputTokens)).toBeLessThanOrEqual(content.usage.inputTokens * 0.1);
  });

  it('When a prompt needs no count for the gate, then the estimate still asks count_tokens (always the count Claude makes)', async () => {
    await claudeFor(stack).estimate(LEAD_REQUEST);

    expect(stack.sims.claude.stats.countTokensRequests).toBe(1);
    expect(stack.sims.claude.stats.byRoute.messages).toBeUndefined();
  });

  it('When the model is priced, then the cost range runs from the input alone to the input plus max_tokens at list prices', async () => {
    const estimate = await claudeFor(stack).estimate(LEAD_REQUEST);

    expect(estimate.maxOutputTokens).toBe(stack.config.claude.maxTokens);
    // claude-sonnet-4-6: $3 per million input tokens, $15 per million output tokens.
    expect(estimate.minCostUsd).toBeCloseTo((estimate.inputTokens * 3) / 1e6, 10);
    expect(estimate.maxCostUsd).toBeCloseTo((estimate.inputTokens * 3 + estimate.maxOutputTokens * 15) / 1e6, 10);
    expect(estimate.etaSeconds).toBeGreaterThan(0);
  });

  it('When the model has no price, then the cost range is null, not zero', async () => {
    const estimate = await claudeFor(stack).estimate({ ...LEAD_REQUEST, model: 'claude-opus-5' });

    expect(estimate).toMatchObject({ minCostUsd: null, maxCostUsd: null });
  });

  it('When parallel mode would split the sequence, then the estimate counts every part (the lead data is sent three times)', async () => {
    const single = await claudeFor(stack).estimate(LEAD_REQUEST);
    const parallel = await claudeFor(stack).estimate({ ...LEAD_REQUEST, parallel: true });

    expect(stack.sims.claude.stats.countTokensRequests).toBe(4);
    expect(parallel.inputTokens).toBeGreaterThan(2.5 * single.inputTokens);
    expect(parallel.etaSeconds).toBeLessThan(single.etaSeconds);
  });
});
