import { CampaignsDocument } from '../../generated/operations/graphql';
import persisted from '../../generated/operations/persisted-documents.json';
import { startTestStack, type TestStack } from '../../testing/stack';

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions: { code: string } }[];
}

async function post(stack: TestStack, body: unknown): Promise<{ status: number; body: GraphQLBody }> {
  const res = await fetch(`${stack.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

/**
 * Each refused query below is one that WOULD call Woodpecker if it ran (`prospects` is read afresh every time, no
 * cache in between), so "no Woodpecker request" shows that the limit stopped it, not that the field is free.
 */
describe('query-shape limits', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { QUERY_MAX_DEPTH: '3', QUERY_MAX_ALIASES: '5', QUERY_MAX_DIRECTIVES: '3', QUERY_MAX_TOKENS: '300' },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const rejected = async (query: string, code: string, message: RegExp) => {
    const { status, body } = await post(stack, { query });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe(code);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  };

  it('When a query is too deep, then it is refused before any resolver runs', () =>
    rejected('{ prospects { items { campaigns { stats { sent } } } } }', 'GRAPHQL_VALIDATION_FAILED', /depth/i));

  it('When a query uses too many aliases (alias bomb), then it is refused', () =>
    rejected(`{ ${Array.from({ length: 6 }, (_, i) => `a${i}: prospects { totalCount }`).join(' ')} }`, 'GRAPHQL_VALIDATION_FAILED', /alias/i));

  // Four different placements: repeating one directive on one field would be refused by graphql's own
  // unique-directive rule, whatever the limit.
  it('When a query stacks too many directives, then it is refused', () =>
    rejected(
      '{ prospects @include(if: true) { totalCount @include(if: true) page @skip(if: false) perPage @include(if: true) } }',
      'GRAPHQL_VALIDATION_FAILED',
      /directives limit of 3/i,
    ));

  it('When a query has too many tokens, then parsing stops with GRAPHQL_PARSE_FAILED', () =>
    rejected(`{ prospects { ${'totalCount '.repeat(400)} } }`, 'GRAPHQL_PARSE_FAILED', /tokens/i));

  it('When several operations are batched in one HTTP request, then the batch is refused', async () => {
    const { status } = await post(stack, [{ query: '{ prospects { totalCount } }' }, { query: '{ prospects { totalCount } }' }]);
    expect(status).toBe(400);
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When a normal query is sent, then it passes the limits and reads Woodpecker', async () => {
    const { status, body } = await post(stack, { query: '{ prospects { totalCount } }' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(stack.sims.woodpecker.stats.requests).toBe(1);
  });
});

describe('query cost limit', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { QUERY_MAX_COST: '20' } });
  });
  afterAll(() => stack.close());

  it('When a query is too costly, then it is refused without a Woodpecker call; a cheap one passes', async () => {
    stack.sims.woodpecker.resetStats();
    const costly = await post(stack, {
      query: '{ prospects { items { id email firstName lastName company title industry website phone city state country tags } } }',
    });
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0]?.message).toMatch(/cost/i);
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
    expect((await post(stack, { query: '{ prospects { totalCount } }' })).status).toBe(200);
  });
});

describe('Woodpecker call limit per operation', () => {
  let stack: TestStack;
  let campaignId: number;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE: '12' } });
    campaignId = [...stack.sims.woodpecker.store.campaigns()][0]!.id;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const check = (alias: string) => `${alias}: duplicateEmails(campaignId: "${campaignId}", emails: ["x@y.example"])`;

  it.each([
    ['two duplicateEmails checks (up to 10 pages each)', `{ ${check('a')} ${check('b')} }`],
    ['the stats of every campaign (one call each, 20 assumed)', '{ campaigns { id stats { sent } } }'],
    ['the stats of the campaigns of a page of prospects', '{ prospects(perPage: 5) { items { campaigns { stats { sent } } } } }'],
  ])('When a query asks for %s, more Woodpecker calls than a client may make in a minute, then it is refused before any call', async (_case, query) => {
    const { status, body } = await post(stack, { query });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/up to \d+ Woodpecker calls.*12 per minute/);
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it("When a query's worst case fits the budget, then it runs", async () => {
    const { status, body } = await post(stack, { query: `{ ${check('a')} campaign(id: "${campaignId}") { stats { sent } } campaigns { id } }` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('persisted operations only', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
  });
  afterAll(() => stack.close());

  const campaignsHash = (CampaignsDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;

  it('When the client sends the hash of a shipped operation, then it runs', async () => {
    const { status, body } = await post(stack, {
      operationName: 'Campaigns',
      variables: {},
      extensions: { persistedQuery: { version: 1, sha256Hash: campaignsHash.replace('sha256:', '') } },
    });
    expect(status).toBe(200);
    expect((body.data as { campaigns: unknown[] }).campaigns.length).toBeGreaterThan(0);
  });

  it('When the client sends the exact text of a shipped operation, then it runs', async () => {
    const text = (persisted as Record<string, string>)[campaignsHash]!;
    const { status } = await post(stack, { query: text });
    expect(status).toBe(200);
  });

  it('When the client sends its own query or an unknown hash, then PERSISTED_QUERY_NOT_FOUND and nothing runs', async () => {
    stack.sims.woodpecker.resetStats();
    // Not `campaigns`: the tests before cached the list, so running it would not reach Woodpecker either.
    const adHoc = await post(stack, { query: '{ prospects { totalCount } }' });
    expect(adHoc.status).toBe(400);
    expect(adHoc.body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const unknown = await post(stack, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(unknown.body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When a GET carries the hash, then it runs as well', async () => {
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: campaignsHash } }));
    const res = await fetch(`${stack.baseUrl}/graphql?extensions=${extensions}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
  });
});
