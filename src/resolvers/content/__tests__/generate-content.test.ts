import { ContentModelsDocument, GenerateContentDocument, type LeadInput } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

const lead: LeadInput = {
  email: 'maria.lopez@acme-robotics.example',
  firstName: 'Maria',
  lastName: 'Lopez',
  company: 'Acme Robotics',
  title: 'VP Operations',
  linkedinUrl: 'https://www.linkedin.com/in/maria-lopez',
};

const HTML_SNIPPETS = ['snippet2', 'snippet4', 'snippet5', 'snippet6', 'snippet7'] as const;

describe('Mutation.generateContent', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_GENERATE_PER_MINUTE: '1000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sims.claude.resetStats();
    stack.sims.claude.configure({ outputFormat: 'blocks', stopReason: 'end_turn' });
  });

  it('When a lead is given, then 7 non-empty snippets come back in the shapes the app expects, with usage', async () => {
    const result = await stack.execute(GenerateContentDocument, { input: { lead, prompt: 'Mention our warehouse case study.' } });
    expect(result.errors).toBeUndefined();
    const content = result.data!.generateContent;
    for (const key of ['snippet1', 'snippet3'] as const) {
      expect(content[key].trim()).not.toBe('');
      expect(content[key]).not.toMatch(/[<>\n]/);
    }
    for (const key of HTML_SNIPPETS) {
      expect(content[key]).toMatch(/^<div>.*<\/div>$/s);
      expect(content[key]).not.toContain('---BLOCK---');
    }
    expect(content.snippet2).toContain('<div><br></div>');
    expect(content).toMatchObject({
      model: stack.config.claude.defaultModel,
      stopReason: 'end_turn',
      email: lead.email,
      firstName: 'Maria',
      company: 'Acme Robotics',
      industry: 'Technology',
    });
    expect(content.usage.inputTokens).toBeGreaterThan(0);
    expect(content.usage.outputTokens).toBeGreaterThan(0);
    expect(stack.sims.claude.stats.requests).toBe(1);
  });

  it('When Claude answers in JSON, then the same 7 snippets are accepted', async () => {
    stack.sims.claude.configure({ outputFormat: 'json' });
    const result = await stack.execute(GenerateContentDocument, { input: { lead } });
    expect(result.errors).toBeUndefined();
    for (const key of HTML_SNIPPETS) expect(result.data?.generateContent[key]).toContain('<div>');
  });

  it('When Claude wraps the blocks in prose, then the prose is dropped', async () => {
    stack.sims.claude.configure({ outputFormat: 'blocks_with_prose' });
    const result = await stack.execute(GenerateContentDocument, { input: { lead } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.generateContent.snippet1).not.toMatch(/here (is|are)/i);
  });

  it('When the answer stays unusable after one re-ask, then CONTENT_INVALID after exactly 2 calls', async () => {
    stack.sims.claude.configure({ outputFormat: 'six_blocks' });
    const result = await stack.execute(GenerateContentDocument, { input: { lead } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONTENT_INVALID', retryable: true });
    expect(stack.sims.claude.stats.requests).toBe(2);
  });

  it('When the model is not on the allow-list, then BAD_USER_INPUT and Claude is not called', async () => {
    const result = await stack.execute(GenerateContentDocument, { input: { lead, model: 'claude-opus-9-unlimited' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.model'] });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When an allowed model is chosen, then Claude is asked with it', async () => {
    const result = await stack.execute(GenerateContentDocument, { input: { lead, model: 'claude-haiku-4-5' } });
    expect(result.data?.generateContent.model).toBe('claude-haiku-4-5');
  });

  it('When the lead email or the prompt is invalid, then BAD_USER_INPUT names the field', async () => {
    const badEmail = await stack.execute(GenerateContentDocument, { input: { lead: { ...lead, email: 'maria@' } } });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lead.email'] });
    const long = await stack.execute(GenerateContentDocument, { input: { lead, prompt: 'x'.repeat(100_001) } });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.prompt'] });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When the allowed models are listed, then the default comes first', async () => {
    const result = await stack.execute(ContentModelsDocument, {});
    expect(result.data?.contentModels[0]).toEqual({ __typename: 'ContentModel', id: stack.config.claude.defaultModel, isDefault: true });
    expect(result.data?.contentModels.map((m) => m.id)).toEqual(expect.arrayContaining(stack.config.claude.allowedModels));
  });
});
