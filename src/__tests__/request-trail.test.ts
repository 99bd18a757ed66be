import { configureLogger } from '../logging/logger';
import { captureLogs, type LogCapture } from '../testing/log-capture';
import { startTestStack, type TestStack } from '../testing/stack';

const CLAUDE_KEY = 'fake-anthropic-trail-5c2e9a7b1d';
const CALLER_TOKEN = 'tok-trail-caller-4f6a8c0e2b1d';
const PROSPECT_EMAIL = 'lena.fischer@private-mail.example';
const GENERATE = `mutation Generate($input: GenerateContentInput!) {
  generateContent(input: $input) { snippet1 usage { inputTokens outputTokens } }
}`;
const variables = { input: { lead: { email: PROSPECT_EMAIL, firstName: 'Lena', company: 'Private Mail' }, prompt: 'Keep it short.' } };

type Entry = Record<string, unknown>;

/**
 * The incident-debugging promise, checked through real HTTP with token auth: everything one request writes,
 * from the access line down to the upstream attempts, carries its request id, and nothing secret.
 */
describe('one request id, end to end', () => {
  let stack: TestStack;
  let logs: LogCapture;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        AUTH_MODE: 'token',
        AUTH_TOKENS: `web:${CALLER_TOKEN}`,
        BODY_LIMIT_BYTES: '20000',
        CIRCUIT_MIN_CALLS: '1000',
        UPSTREAM_MAX_ATTEMPTS: '3',
      },
      simulators: { claude: { apiKey: CLAUDE_KEY } },
    });
    configureLogger({ level: 'debug', format: 'json', silent: true });
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await stack.close();
  });
  beforeEach(() => logs.clear());

  const post = (requestId: string, body: string, token = CALLER_TOKEN) =>
    fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
      body,
    });
  const accessLines = (entries: Entry[]) => entries.filter((e) => e.component === 'access');
  const attemptLines = (entries: Entry[]) => entries.filter((e) => e.component === 'upstream' && String(e.message).startsWith('upstream attempt'));

  it('When one generateContent call is made, then one access line and its attempt lines carry its id, and no key, token or email', async () => {
    const res = await post('trail-req-0001', JSON.stringify({ query: GENERATE, variables }));
    expect(res.headers.get('x-request-id')).toBe('trail-req-0001');
    const body = (await res.json()) as { data: { generateContent: { usage: { inputTokens: number; outputTokens: number } } } };
    const { usage } = body.data.generateContent;

    const entries = logs.entries();
    expect(accessLines(entries)).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'graphql operation',
        requestId: 'trail-req-0001',
        caller: 'web',
        callerKind: 'token',
        operation: 'Generate',
        operationType: 'mutation',
        rootFields: 'generateContent',
        durationMs: expect.any(Number),
        outcome: 'ok',
        httpStatus: 200,
        upstreamCalls: 1,
        retries: 0,
        queueWaitMs: expect.any(Number),
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
      }),
    ]);
    expect(attemptLines(entries)).toEqual([
      expect.objectContaining({
        level: 'debug',
        upstream: 'claude',
        route: 'POST /v1/messages',
        attempt: 1,
        durationMs: expect.any(Number),
        upstreamRequestId: expect.any(String),
        requestId: 'trail-req-0001',
      }),
    ]);
    // Every line, wherever it was written (data source, upstream runtime, access), has the one id.
    expect(new Set(entries.map((e) => e.component))).toEqual(new Set(['claude', 'upstream', 'access']));
    expect(new Set(entries.map((e) => e.requestId))).toEqual(new Set(['trail-req-0001']));
    expect(new Set(entries.map((e) => e.operation))).toEqual(new Set(['Generate']));

    const written = logs.lines.join('\n');
    for (const secret of [CLAUDE_KEY, CALLER_TOKEN, PROSPECT_EMAIL]) expect(written).not.toContain(secret);
    expect(written).toContain('l***@private-mail.example');
  });

  it('When Claude fails once and then answers, then the failed attempt is a warning with its status and the retry is counted', async () => {
    stack.sims.claude.script('messages', ['server_error', 'ok']);
    await (await post('trail-req-0002', JSON.stringify({ query: GENERATE, variables }))).json();
    const entries = logs.entries();
    expect(attemptLines(entries)).toEqual([
      expect.objectContaining({ level: 'warn', attempt: 1, status: 500, failureClass: 'server_error', route: 'POST /v1/messages' }),
      expect.objectContaining({ level: 'debug', attempt: 2 }),
    ]);
    expect(accessLines(entries)).toEqual([expect.objectContaining({ outcome: 'ok', upstreamCalls: 2, retries: 1 })]);
    expect(new Set(entries.map((e) => e.requestId))).toEqual(new Set(['trail-req-0002']));
  });

  const tooLarge = JSON.stringify({ query: GENERATE, variables: { pad: 'x'.repeat(30_000) } });
  it.each([
    ['an unknown token', 'trail-req-0401', JSON.stringify({ query: GENERATE, variables }), `${CALLER_TOKEN}-forged`, 401],
    ['a body that is not JSON', 'trail-req-0400', '{"query": "mutation', CALLER_TOKEN, 400],
    ['a body over the limit', 'trail-req-0413', tooLarge, CALLER_TOKEN, 413],
  ])('When a request is refused before GraphQL runs (%s), then it still gets one access line', async (_, id, body, token, status) => {
    const res = await post(id, body, token);
    expect(res.status).toBe(status);
    await res.text();
    // The line is written on the response's 'finish', which may come a tick after the client has read it all.
    await new Promise((resolve) => setImmediate(resolve));
    expect(accessLines(logs.entries())).toEqual([
      expect.objectContaining({ level: 'info', message: 'http request refused', requestId: id, method: 'POST', path: '/graphql', status }),
    ]);
    expect(logs.lines.join('\n')).not.toContain(CALLER_TOKEN);
  });
});
