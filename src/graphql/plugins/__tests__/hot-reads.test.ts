import persisted from '../../../generated/operations/persisted-documents.json';
import { captureLogs, type LogCapture } from '../../../testing/log-capture';
import { scrape } from '../../../testing/prometheus-text';
import { startTestStack, type TestStack } from '../../../testing/stack';

const CAMPAIGNS_HASH = 'sha256:c89ab584245e5e46f83faf840491da5df649988b0425e427dcaf164094d0d353';
const CAMPAIGNS_TEXT = (persisted as Record<string, string>)[CAMPAIGNS_HASH]!;
const TOKENS = ['web', 'ops', 'lim', 'log', 'neg', 'inv', 'var'].map((name) => `${name}:tok-${name}-0123456789abcdef`);
const bearer = (name: string) => `Bearer tok-${name}-0123456789abcdef`;
/** Headers that differ between any two responses, whichever path answered them. */
const PER_RESPONSE = new Set(['date', 'x-request-id']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

async function post(stack: TestStack, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${stack.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const all = Object.fromEntries([...res.headers].filter(([name]) => !PER_RESPONSE.has(name)));
  return { status: res.status, headers: { ...all, 'x-request-id': res.headers.get('x-request-id') ?? '' }, text: await res.text() };
}

const withoutRequestId = ({ 'x-request-id': _id, ...rest }: Record<string, string>) => rest;

/** Reads until Apollo has answered from the cached list once (so the answer is stored); returns that answer. */
async function warm(stack: TestStack, body: unknown, headers: Record<string, string>): Promise<Answer> {
  await post(stack, body, headers);
  return post(stack, body, headers);
}

describe('Hot cached reads over HTTP (AUTH_MODE=token)', () => {
  let stack: TestStack;
  let logs: LogCapture;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'token', AUTH_TOKENS: TOKENS.join(','), RATE_LIMIT_READ_PER_MINUTE: '8' } });
    // After the stack, which silences every transport there is when it starts.
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await stack.close();
  });

  const campaigns = { query: CAMPAIGNS_TEXT, operationName: 'Campaigns', variables: {} };

  it('When an identical campaign read repeats, then the hot path answers it with the bytes and headers Apollo sent, without Woodpecker', async () => {
    const headers = { authorization: bearer('web') };
    const apollo = await warm(stack, campaigns, headers);
    const hits = stack.app.hotReads.hits;
    const woodpeckerCalls = stack.sims.woodpecker.stats.requests;

    const replayed = await post(stack, campaigns, headers);

    expect(stack.app.hotReads.hits).toBe(hits + 1);
    expect(replayed.status).toBe(200);
    expect(replayed.text).toBe(apollo.text);
    expect(withoutRequestId(replayed.headers)).toEqual(withoutRequestId(apollo.headers));
    expect(replayed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replayed.headers['x-request-id']).not.toBe(apollo.headers['x-request-id']);
    expect(stack.sims.woodpecker.stats.requests).toBe(woodpeckerCalls);
  });

  it('When a stored read comes without a token, then 401 UNAUTHENTICATED and nothing is replayed', async () => {
    await warm(stack, campaigns, { authorization: bearer('web') });
    const hits = stack.app.hotReads.hits;

    const refused = await post(stack, campaigns);

    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(stack.app.hotReads.hits).toBe(hits);
  });

  it('When replayed reads use up the read limit, then the next one is RATE_LIMITED like any other read', async () => {
    const headers = { authorization: bearer('lim') };
    await post(stack, campaigns, { authorization: bearer('web') });
    const hits = stack.app.hotReads.hits;
    // RATE_LIMIT_READ_PER_MINUTE=8, the list already cached: one read through Apollo, seven replayed.
    for (let i = 0; i < 8; i++) expect((await post(stack, campaigns, headers)).status).toBe(200);
    expect(stack.app.hotReads.hits).toBe(hits + 7);

    const limited = await post(stack, campaigns, headers);

    expect(JSON.parse(limited.text)).toMatchObject({ data: null, errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(stack.app.hotReads.hits).toBe(hits + 7);
  });

  it('When a read is replayed, then it has its own request id, one access line and its operation metric', async () => {
    const headers = { authorization: bearer('log') };
    await warm(stack, campaigns, headers);
    const before = await scrape(stack.baseUrl);
    const hits = stack.app.hotReads.hits;
    logs.clear();

    const replayed = await post(stack, campaigns, { ...headers, 'x-request-id': 'hot-read-0001' });

    expect(stack.app.hotReads.hits).toBe(hits + 1);
    expect(replayed.headers['x-request-id']).toBe('hot-read-0001');
    const lines = logs.entries().filter((entry) => entry.requestId === 'hot-read-0001');
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'graphql operation',
        component: 'access',
        caller: 'log',
        operation: 'Campaigns',
        operationType: 'query',
        rootFields: 'campaigns',
        callerKind: 'token',
        outcome: 'ok',
        httpStatus: 200,
        upstreamCalls: 0,
      }),
    ]);
    const after = await scrape(stack.baseUrl);
    const count = (s: typeof before) => s.value('bff_graphql_request_duration_seconds_count', { operation: 'campaigns', outcome: 'ok' });
    expect(count(after) - count(before)).toBe(1);
  });

  it('When clients accept different media types, then each replay carries the type Apollo chose for it', async () => {
    const json = { authorization: bearer('neg'), accept: 'application/json' };
    const graphqlJson = { authorization: bearer('neg'), accept: 'application/graphql-response+json' };
    const apolloJson = await warm(stack, campaigns, json);
    const apolloGraphqlJson = await post(stack, campaigns, graphqlJson);
    const hits = stack.app.hotReads.hits;

    const replayedJson = await post(stack, campaigns, json);
    const replayedGraphqlJson = await post(stack, campaigns, graphqlJson);

    expect(stack.app.hotReads.hits).toBe(hits + 2);
    expect(apolloJson.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(apolloGraphqlJson.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(replayedJson.headers['content-type']).toBe(apolloJson.headers['content-type']);
    expect(replayedGraphqlJson.headers['content-type']).toBe(apolloGraphqlJson.headers['content-type']);
  });

  it('When the campaign list is invalidated, then the stored answer is not replayed and the list is read again', async () => {
    const headers = { authorization: bearer('inv') };
    await warm(stack, campaigns, headers);
    const hits = stack.app.hotReads.hits;
    const woodpeckerCalls = stack.sims.woodpecker.stats.requests;

    await stack.deps.woodpecker.campaignCache.invalidate();
    const after = await post(stack, campaigns, headers);

    expect(after.status).toBe(200);
    expect(stack.app.hotReads.hits).toBe(hits);
    expect(stack.sims.woodpecker.stats.requests).toBe(woodpeckerCalls + 1);
  });

  it('When a read forces a refresh, then it is never replayed', async () => {
    const headers = { authorization: bearer('web') };
    const forced = { ...campaigns, variables: { forceRefresh: true } };
    const hits = stack.app.hotReads.hits;

    for (let i = 0; i < 3; i++) expect((await post(stack, forced, headers)).status).toBe(200);

    expect(stack.app.hotReads.hits).toBe(hits);
  });

  it("When another caller or other variables ask, then they get Apollo's answer for them, not a stored one", async () => {
    const web = { authorization: bearer('var') };
    const running = { ...campaigns, variables: { status: ['RUNNING'] } };
    const all = await warm(stack, campaigns, web);
    const hits = stack.app.hotReads.hits;

    const otherCaller = await post(stack, campaigns, { authorization: bearer('ops') });
    const otherVariables = await post(stack, running, web);

    expect(stack.app.hotReads.hits).toBe(hits);
    expect(otherCaller.text).toBe(all.text);
    const statuses = (JSON.parse(otherVariables.text) as { data: { campaigns: { status: string }[] } }).data.campaigns.map((c) => c.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['RUNNING']));
    expect(otherVariables.text).not.toBe(all.text);
  });
});

describe('Hot cached reads with PERSISTED_OPERATIONS_ONLY=true', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
  });
  afterAll(() => stack.close());

  it('When a shipped operation is sent by hash, then it is replayed; a hand-written one is refused every time', async () => {
    const byHash = { operationName: 'Campaigns', variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: CAMPAIGNS_HASH } } };
    const apollo = await warm(stack, byHash, {});
    const hits = stack.app.hotReads.hits;
    expect((await post(stack, byHash)).text).toBe(apollo.text);
    expect(stack.app.hotReads.hits).toBe(hits + 1);

    const handWritten = { query: '{ campaigns { id name } }' };
    for (let i = 0; i < 3; i++) {
      const refused = await post(stack, handWritten);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    }
    expect(stack.app.hotReads.hits).toBe(hits + 1);
  });
});
