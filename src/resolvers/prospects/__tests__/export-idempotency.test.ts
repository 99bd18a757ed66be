import { AddProspectsToCampaignDocument } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789ab' };
const EXPORT = `mutation($input: AddProspectsInput!) {
  addProspectsToCampaign(input: $input) { total succeeded failed duplicates errors { email code message retryable } }
}`;

interface Answer {
  data?: { addProspectsToCampaign: unknown } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** One instance, in-memory store: the same behaviour the Redis store gives across instances (scale-out tests). */
describe('Mutation.addProspectsToCampaign with an Idempotency-Key', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { AUTH_MODE: 'token', AUTH_TOKENS: `alice:${TOKENS.alice},bob:${TOKENS.bob}`, RATE_LIMIT_EXPORT_PER_MINUTE: '1000' },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const exportCalls = () => stack.sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0;
  const campaignId = () => String([...stack.sims.woodpecker.store.campaigns()][0]!.id);
  const input = (tag: string, extra: Record<string, unknown> = {}) => ({
    campaignId: campaignId(),
    prospects: [1, 2, 3].map((i) => ({ email: `p${i}@${tag}.example`, firstName: `P${i}` })),
    ...extra,
  });

  async function post(variables: object, headers: Record<string, string> = {}, as: keyof typeof TOKENS = 'alice'): Promise<Answer> {
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS[as]}`, ...headers },
      body: JSON.stringify({ query: EXPORT, variables }),
    });
    return (await res.json()) as Answer;
  }

  it('When the same key is sent twice, then Woodpecker is written once and both answers are identical', async () => {
    const first = await post({ input: input('twice') }, { 'Idempotency-Key': 'export-twice-1' });
    const repeat = await post({ input: input('twice') }, { 'Idempotency-Key': 'export-twice-1' });
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ addProspectsToCampaign: { total: 3, succeeded: 3 } });
    expect(repeat).toEqual(first);
    expect(exportCalls()).toBe(1);
  });

  it('When the key comes in the input field, then it works the same and agrees with the header', async () => {
    const first = await post({ input: input('field', { idempotencyKey: 'export-field-1' }) });
    const repeat = await post({ input: input('field', { idempotencyKey: 'export-field-1' }) }, { 'Idempotency-Key': 'export-field-1' });
    expect(repeat).toEqual(first);
    expect(exportCalls()).toBe(1);
  });

  it('When two concurrent requests carry one key, then one waits for the other and gets its result', async () => {
    stack.sims.woodpecker.configure({ latencyMs: 300 }); // the second arrives while the first is being written
    const [a, b] = await Promise.all([
      post({ input: input('concurrent') }, { 'Idempotency-Key': 'export-concurrent-1' }),
      post({ input: input('concurrent') }, { 'Idempotency-Key': 'export-concurrent-1' }),
    ]).finally(() => stack.sims.woodpecker.configure({ latencyMs: 0 }));
    expect(a.data).toMatchObject({ addProspectsToCampaign: { total: 3, succeeded: 3 } });
    expect(a).toEqual(b);
    expect(exportCalls()).toBe(1);
  });

  it('When a key is reused for a different export, then BAD_USER_INPUT and nothing is written', async () => {
    await post({ input: input('reuse') }, { 'Idempotency-Key': 'export-reuse-1' });
    const other = await post({ input: input('reuse-other') }, { 'Idempotency-Key': 'export-reuse-1' });
    expect(other.errors?.[0]).toMatchObject({
      message: 'This Idempotency-Key was already used for a different export.',
      extensions: { code: 'BAD_USER_INPUT', fields: ['Idempotency-Key'] },
    });
    expect(exportCalls()).toBe(1);
  });

  it('When another caller uses the same key, then it is a different export (keys are per caller)', async () => {
    await post({ input: input('callers') }, { 'Idempotency-Key': 'export-shared-name' }, 'alice');
    const bob = await post({ input: input('callers') }, { 'Idempotency-Key': 'export-shared-name' }, 'bob');
    expect(bob.data).toMatchObject({ addProspectsToCampaign: { total: 3, succeeded: 0, duplicates: 3 } });
    expect(exportCalls()).toBe(2);
  });

  it('When the export fails with an error, then the key is not used up and a retry runs it', async () => {
    stack.sims.woodpecker.script('add_prospects_campaign', ['unavailable', 'unavailable', 'unavailable', 'unavailable']);
    const failed = await post({ input: input('retry') }, { 'Idempotency-Key': 'export-retry-1' });
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const retried = await post({ input: input('retry') }, { 'Idempotency-Key': 'export-retry-1' });
    expect(retried.data).toMatchObject({ addProspectsToCampaign: { total: 3, succeeded: 3 } });
  });

  it('When the header is malformed, then BAD_USER_INPUT names it and nothing is written', async () => {
    const answer = await post({ input: input('malformed') }, { 'Idempotency-Key': 'has spaces in it' });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['Idempotency-Key'] });
    expect(exportCalls()).toBe(0);
  });

  it('When no key is sent, then every export runs (the typed operation, through executeOperation)', async () => {
    await stack.execute(AddProspectsToCampaignDocument, { input: input('plain') });
    await stack.execute(AddProspectsToCampaignDocument, { input: input('plain') });
    expect(exportCalls()).toBe(2);
  });
});
