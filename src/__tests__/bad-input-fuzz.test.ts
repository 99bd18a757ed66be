import { mulberry32 } from '../simulators/shared/rng';
import { startTestStack, type TestStack } from '../testing/stack';

interface Case {
  method?: 'GET' | 'POST' | 'PUT';
  path?: string;
  contentType?: string;
  body?: string | Buffer;
}

const EXPORT = 'mutation($input: AddProspectsInput!) { addProspectsToCampaign(input: $input) { total } }';
const GENERATE = 'mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 } }';
const json = (value: unknown): Case => ({ body: JSON.stringify(value) });

/** Families of malformed requests; each takes the random source and returns one concrete request. */
const FAMILIES: Array<(r: () => number) => Case> = [
  // Not JSON, or JSON of the wrong shape.
  (r) => ({ body: JSON.stringify({ query: '{ campaigns { id } }' }).slice(0, 1 + Math.floor(r() * 30)) }),
  (r) => ({ body: Buffer.from(Array.from({ length: 1 + Math.floor(r() * 200) }, () => Math.floor(r() * 256))) }),
  (r) => ({ body: ['null', '[]', '"query"', '123', 'true', '{}', '{"query":null}', '{"query":123}', '{"query":{}}'][Math.floor(r() * 9)]! }),
  // Wrong content types (CSRF prevention and the JSON parser must both hold).
  (r) => ({
    contentType: ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', ''][Math.floor(r() * 5)]!,
    body: JSON.stringify({ query: `mutation { generateContent(input: { lead: { email: "a@b.co" } }) { snippet1 } }` }),
  }),
  // Huge strings inside otherwise valid operations.
  (r) => json({ query: GENERATE, variables: { input: { lead: { email: 'a@b.co', company: 'x'.repeat(600 + Math.floor(r() * 50_000)) } } } }),
  (r) => json({ query: GENERATE, variables: { input: { lead: { email: 'a@b.co' }, prompt: 'p'.repeat(100_001 + Math.floor(r() * 1000)) } } }),
  (r) => json({ query: `{ ${'contentModels { id } '.repeat(500 + Math.floor(r() * 5000))} }` }),
  // Deep nesting in the query and in the variables.
  (r) => json({ query: `{ ${'campaigns { '.repeat(20 + Math.floor(r() * 200))}id${' }'.repeat(20)} }` }),
  (r) => ({ body: `{"query":"{ contentModels { id } }","variables":${'{"a":'.repeat(100 + Math.floor(r() * 3000))}1${'}'.repeat(100)}}` }),
  // Alias and fragment bombs.
  (r) => json({ query: `{ ${Array.from({ length: 20 + Math.floor(r() * 1000) }, (_, i) => `a${i}: campaigns { id }`).join(' ')} }` }),
  () => json({ query: 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }' }),
  (r) => json({ query: `{ contentModels ${'@include(if: true) '.repeat(20 + Math.floor(r() * 100))}{ id } }` }),
  // Wrong variable types.
  (r) =>
    json({
      query: EXPORT,
      variables: { input: [{ campaignId: {}, prospects: 'all' }, { campaignId: 1.5, prospects: [1, 2] }, { campaignId: '1', prospects: [{ email: 42 }] }][Math.floor(r() * 3)] },
    }),
  (r) => json({ query: 'query($p: Int) { prospects(page: $p) { totalCount } }', variables: { p: ['x', 2 ** 40, {}, [1]][Math.floor(r() * 4)] } }),
  () => json({ query: 'query($e: [String!]!) { duplicateEmails(campaignId: "1", emails: $e) }', variables: { e: [null, 'a'] } }),
  // Invalid values that type-check: our own validation must refuse them.
  (r) => json({ query: EXPORT, variables: { input: { campaignId: ['0', '-3', 'abc', '1e9', ' ', '99999999999999999999'][Math.floor(r() * 6)], prospects: [{ email: 'a@b.co' }] } } }),
  () => json({ query: EXPORT, variables: { input: { campaignId: '1', prospects: [] } } }),
  (r) => json({ query: 'query($e: [String!]!) { duplicateEmails(campaignId: "1", emails: $e) }', variables: { e: ['not an email', `x${r()}`] } }),
  (r) => json({ query: GENERATE, variables: { input: { lead: { email: ['', 'a@', '@b.co', 'a b@c.de'][Math.floor(r() * 4)] } } } }),
  // Unknown operations, fields and routes.
  () => json({ query: '{ campaigns { id } } { upstreams { name } }' }),
  () => json({ query: 'query A { campaigns { id } }', operationName: 'B' }),
  () => json({ query: 'subscription { campaigns { id } }' }),
  (r) => json({ query: `{ ${['nope', '__typenam', 'campaign(id: 1) { nope }', 'prospects(perPage: "x") { items { id } }'][Math.floor(r() * 4)]} }` }),
  () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { generateContent(input: { lead: { email: "a@b.co" } }) { snippet1 } }')}` }),
  () => ({ method: 'PUT', body: JSON.stringify({ query: '{ campaigns { id } }' }) }),
  (r) => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ campaigns { id ')}&variables=${r() < 0.5 ? '%7Bbroken' : '[1]'}` }),
  (r) => json({ extensions: { persistedQuery: { version: 1, sha256Hash: r() < 0.5 ? 'abc' : 42 } } }),
  () => json({ query: '{ campaigns { id } }', variables: 'not-an-object' }),
];

/**
 * Several hundred malformed requests: each gets a clear 4xx or a BAD_USER_INPUT, never a 500 or a masked
 * internal error; nothing is written upstream; the server answers normally afterwards; memory stays bounded.
 */
describe('bad-input fuzz', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { BODY_LIMIT_BYTES: '200000', RATE_LIMIT_READ_PER_MINUTE: '100000', RATE_LIMIT_GENERATE_PER_MINUTE: '100000', RATE_LIMIT_EXPORT_PER_MINUTE: '100000' },
    });
  });
  afterAll(() => stack.close());

  async function send(c: Case): Promise<{ status: number; codes: string[] }> {
    const res = await fetch(`${stack.baseUrl}${c.path ?? '/graphql'}`, {
      method: c.method ?? 'POST',
      headers: c.contentType === '' ? {} : { 'content-type': c.contentType ?? 'application/json' },
      body: c.method === 'GET' ? undefined : c.body,
    });
    const text = await res.text();
    let codes: string[] = [];
    try {
      const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      codes = (parsed.errors ?? []).map((e) => String(e.extensions?.code));
    } catch {
      codes = ['(not json)'];
    }
    return { status: res.status, codes };
  }

  it('When 600 malformed requests arrive, then every one is refused cleanly and the server is unharmed', async () => {
    const random = mulberry32(1234);
    const heapBefore = process.memoryUsage().heapUsed;
    const bad: Array<{ index: number; family: number; status: number; codes: string[] }> = [];
    for (let index = 0; index < 600; index++) {
      const family = index % FAMILIES.length;
      const { status, codes } = await send(FAMILIES[family]!(random));
      const clean4xx = status >= 400 && status < 500 && !codes.includes('INTERNAL_SERVER_ERROR');
      const refusedInput = status === 200 && codes.length > 0 && codes.every((c) => c === 'BAD_USER_INPUT');
      if (!clean4xx && !refusedInput) bad.push({ index, family, status, codes });
    }
    expect(bad).toEqual([]);

    expect(stack.sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0).toBe(0);
    expect(stack.sims.claude.stats.requests).toBe(0);
    const after = await send(json({ query: '{ campaigns { id } }' }));
    expect(after).toEqual({ status: 200, codes: [] });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);
});
