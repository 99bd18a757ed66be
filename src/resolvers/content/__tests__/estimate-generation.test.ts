import { EstimateGenerationDocument, GenerateContentDocument } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

const input = {
  lead: { email: 'maria.lopez@acme-robotics.example', firstName: 'Maria', company: 'Acme Robotics', title: 'VP Operations' },
  prompt: 'Mention our warehouse case study.',
};

describe('Query.estimateGeneration', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { CLAUDE_MAX_TOKENS: '2000', CLAUDE_PRICING: '{"claude-sonnet-4-6":{"inputPerMTok":3,"outputPerMTok":15}}', CLAUDE_MODEL: 'claude-sonnet-4-6' },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it('When a generation is estimated, then it gives max_tokens, a cost range from the price list and an ETA, and nothing is generated', async () => {
    const { data, errors } = await stack.execute(EstimateGenerationDocument, { input });
    expect(errors).toBeUndefined();
    const estimate = data!.estimateGeneration;
    expect(estimate.maxOutputTokens).toBe(2000);
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(estimate.minCostUsd).toBeCloseTo((estimate.inputTokens * 3) / 1e6, 10);
    expect(estimate.maxCostUsd).toBeCloseTo((estimate.inputTokens * 3 + 2000 * 15) / 1e6, 10);
    expect(estimate.etaSeconds).toBeGreaterThan(0);
    expect(stack.sims.claude.stats.byRoute.messages ?? 0).toBe(0);
  });

  it('When the input is invalid, then BAD_USER_INPUT names the field, as for the mutation', async () => {
    const { errors } = await stack.execute(EstimateGenerationDocument, { input: { ...input, lead: { email: 'nope' } } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lead.email'] });
  });

  // The temporary adapter answers from the local upper bound (up to ~1.6× for prose); the engine asks count_tokens.
  it('When the same input is then generated, then the estimate is within 10% of the input tokens Claude reports', async () => {
    const estimate = (await stack.execute(EstimateGenerationDocument, { input })).data!.estimateGeneration;
    const generated = (await stack.execute(GenerateContentDocument, { input })).data!.generateContent;
    expect(Math.abs(estimate.inputTokens - generated.usage.inputTokens)).toBeLessThanOrEqual(generated.usage.inputTokens * 0.1);
  });
});
