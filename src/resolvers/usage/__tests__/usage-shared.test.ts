import { GenerateContentDocument, UsageDocument } from '../../../generated/operations/graphql';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../../testing/redis-suite';
import { startTestStack, type TestStack } from '../../../testing/stack';

async function readyOrTimeout(stack: TestStack, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await fetch(`${stack.baseUrl}/readyz`)).status !== 200) {
    if (Date.now() > until) throw new Error('the instance never became ready');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const lead = { email: 'noor.aziz@tailspin.example', firstName: 'Noor', company: 'Tailspin' };

describeWithRedis('Query.usage across instances (real Redis)', () => {
  const stacks: TestStack[] = [];
  beforeAll(async () => {
    const env = { REDIS_URL: redisTestUrl, REDIS_PREFIX: uniquePrefix('usage-instances'), OPERATOR_CALLERS: 'ops' };
    for (let i = 0; i < 2; i++) stacks.push(await startTestStack({ env }));
    // The production client has no offline queue: wait until each instance reports Redis reachable.
    for (const stack of stacks) await readyOrTimeout(stack);
  });
  afterAll(() => Promise.all(stacks.map((stack) => stack.close())));

  it('When a caller generates on two instances, then either instance reports both generations', async () => {
    const caller = { caller: { id: 'web', kind: 'token' as const } };
    let inputTokens = 0;
    for (const stack of stacks) {
      const result = await stack.execute(GenerateContentDocument, { input: { lead } }, caller);
      inputTokens += result.data!.generateContent.usage.inputTokens;
    }
    for (const stack of stacks) {
      const report = (await stack.execute(UsageDocument, {}, caller)).data!.usage;
      expect(report.totals).toEqual([expect.objectContaining({ requests: 2, inputTokens })]);
    }
    const all = await stacks[1]!.execute(UsageDocument, { scope: 'ALL' }, { caller: { id: 'ops', kind: 'token' } });
    expect(all.data?.usage.callers.map((c) => c.caller)).toEqual(['web']);
  });
});
