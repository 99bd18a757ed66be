import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { Caller } from '../../../auth/caller';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../../testing/redis-suite';
import { startTestStack, type ExecuteResult, type TestStack } from '../../../testing/stack';

/**
 * Per-client limits count the Woodpecker calls a request causes, not the fields it asks for: Woodpecker is one
 * lane (one request at a time per key) shared by every client, and one client must not be able to take it.
 * Typed documents cover the app's operations; these shapes are ad-hoc, as a misbehaving client would send.
 */

const alice: Caller = { id: 'alice', kind: 'token' };
const bob: Caller = { id: 'bob', kind: 'token' };

/** An ad-hoc document through the whole Apollo pipeline (parse, validation rules, directives, resolvers). */
function run(stack: TestStack, query: string, caller: Caller): Promise<ExecuteResult<Record<string, unknown>>> {
  return stack.execute(parse(query) as TypedDocumentNode<Record<string, unknown>, Record<string, never>>, {}, { caller });
}

describe('per-client Woodpecker call budget', () => {
  let stack: TestStack;
  let ids: string[];
  beforeAll(async () => {
    stack = await startTestStack({
      env: { RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE: '5', RATE_LIMIT_READ_PER_MINUTE: '100000' },
      simulators: { woodpecker: { campaignCount: 30 } },
    });
    ids = [...stack.sims.woodpecker.store.campaigns()].map((c) => String(c.id));
  });
  afterAll(() => stack.close());

  // Different campaigns in every request: identical concurrent reads would share one Woodpecker call.
  const threeCampaigns = (k: number) =>
    `{ ${ids.slice(3 * k, 3 * k + 3).map((id, i) => `c${i}: campaign(id: "${id}") { id stats { sent } }`).join(' ')} }`;

  it('When one client keeps asking for campaign stats, then Woodpecker sees no more than its budget of calls from it, the rest is RATE_LIMITED, and another client is served at once', async () => {
    stack.sims.woodpecker.resetStats();
    // Ten requests of three campaign lookups each, all at once: 30 calls wanted, 5 allowed.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, k) => run(stack, threeCampaigns(k), alice)));

    const served = answers.flatMap((a) => Object.values(a.data ?? {})).filter((c) => c !== null).length;
    const refused = answers.flatMap((a) => a.errors ?? []);
    expect(stack.sims.woodpecker.stats.requests).toBe(5);
    expect(served).toBe(5);
    expect(refused).toHaveLength(25);
    expect(refused.every((e) => e.extensions?.code === 'RATE_LIMITED' && Number(e.extensions.retryAfterSeconds) >= 1)).toBe(true);

    const other = await run(stack, threeCampaigns(0), bob);
    expect(other.errors).toBeUndefined();
    expect(stack.sims.woodpecker.stats.requests).toBe(8);
  });
});

describeWithRedis('per-client Woodpecker call budget across instances (Redis)', () => {
  const stacks: TestStack[] = [];
  afterAll(() => Promise.all(stacks.map((stack) => stack.close())));

  it('When a client spends its budget on one instance, then another instance refuses it too', async () => {
    const env = { REDIS_URL: redisTestUrl, REDIS_PREFIX: uniquePrefix('wp-budget'), RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE: '2' };
    stacks.push(await startTestStack({ env }), await startTestStack({ env }));
    const [one, two] = stacks as [TestStack, TestStack];
    // Their Redis connections must take commands first: until then the gates refuse (fail closed).
    for (const stack of stacks) {
      for (let i = 0; i < 50 && !(await stack.deps.readiness[0]!.check()).ok; i++) await new Promise((r) => setTimeout(r, 20));
    }
    const lookup = (stack: TestStack) => {
      const id = [...stack.sims.woodpecker.store.campaigns()][0]!.id;
      return run(stack, `{ campaign(id: "${id}") { id } }`, alice);
    };

    expect((await lookup(one)).errors).toBeUndefined();
    expect((await lookup(one)).errors).toBeUndefined();
    two.sims.woodpecker.resetStats();
    expect((await lookup(two)).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(two.sims.woodpecker.stats.requests).toBe(0);
  });
});

describe('forceRefresh storms', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_READ_PER_MINUTE: '100000' } });
  });
  afterAll(() => stack.close());

  it('When twenty clients force a refresh of the campaign list one after another, then Woodpecker is read once', async () => {
    stack.sims.woodpecker.resetStats();
    for (let i = 0; i < 20; i++) {
      const answer = await run(stack, '{ campaigns(forceRefresh: true) { id } }', { id: `client-${i}`, kind: 'token' });
      expect(answer.errors).toBeUndefined();
    }
    expect(stack.sims.woodpecker.stats.byRoute).toEqual({ campaign_list: 1 });
  });
});

describe('duplicateEmails on a large campaign', () => {
  let stack: TestStack;
  let campaignId: number;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_READ_PER_MINUTE: '100000' } });
    const store = stack.sims.woodpecker.store;
    campaignId = [...store.campaigns()][0]!.id;
    for (let i = 0; i < 10_500; i++) {
      const prospect = store.createProspect({ email: `bulk${i}@large.example`, updated: '2024-01-01T00:00:00+0000' });
      store.enrol(campaignId, prospect.id);
    }
  });
  afterAll(() => stack.close());

  it('When the campaign has more prospects than duplicateEmails pages through, then it is refused after one page, saying what to do', async () => {
    stack.sims.woodpecker.resetStats();
    const answer = await run(stack, `{ duplicateEmails(campaignId: "${campaignId}", emails: ["nobody@absent.example"]) }`, alice);

    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/10000/);
    expect(stack.sims.woodpecker.stats.byRoute).toEqual({ prospects: 1 });
  });
});
