import { NetworkError } from 'graphql-sse';
import { GenerateContentDocument } from '../../generated/operations/graphql';
import { captureLogs, type LogCapture } from '../../testing/log-capture';
import { scrape } from '../../testing/prometheus-text';
import { startTestStack, type TestStack } from '../../testing/stack';
import { until } from '../../testing/until';
import { leadInput, openStream, postStream, STREAM_QUERY, streamToEnd } from './stream-client';

const TOKEN = 'tok-stream-web-7c1e5a9b3d2f';
/** A caller of its own for the budget test, so the other tests do not spend its budget. */
const BUDGET_TOKEN = 'tok-stream-budget-4e8a2c6f0b1d';
const APP_ORIGIN = 'http://localhost:5173';
const auth = { authorization: `Bearer ${TOKEN}` };
const body = (input = leadInput()) => JSON.stringify({ query: STREAM_QUERY, variables: { input } });

type Entry = Record<string, unknown>;

/** The mutation's guarantees on the stream route: auth, CORS, CSRF, limits, validation, request id, logs, metrics. */
describe('POST /graphql/stream: the same guarantees as the mutation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        AUTH_MODE: 'token',
        AUTH_TOKENS: `web:${TOKEN},budget:${BUDGET_TOKEN}`,
        CORS_ORIGINS: APP_ORIGIN,
        RATE_LIMIT_GENERATE_PER_MINUTE: '3',
        UPSTREAM_MAX_ATTEMPTS: '1',
        CIRCUIT_MIN_CALLS: '1000',
        CLAUDE_ATTEMPT_TIMEOUT_MS: '60000',
        DEADLINE_GENERATE_MS: '60000',
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it('When no token is sent, then 401 UNAUTHENTICATED in the GraphQL error shape, before anything runs and without calling Claude', async () => {
    const res = await postStream(stack.baseUrl, body(), { 'x-request-id': 'stream-noauth-0001' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', retryable: false, requestId: 'stream-noauth-0001' } }],
    });
    const refused = openStream(stack.baseUrl);
    const error = await refused.done.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError<Response>).response?.status).toBe(401);
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When a stream is served, then it carries the request id and the headers that keep proxies from buffering it, uncompressed', async () => {
    const res = await postStream(stack.baseUrl, body(), { ...auth, 'x-request-id': 'stream-headers-01', 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('x-request-id')).toBe('stream-headers-01');
    expect(res.headers.get('content-encoding')).not.toMatch(/gzip|br|deflate/);
    const text = await res.text();
    // The keep-alive comment goes first (it flushes the headers through proxies), then the events.
    expect(text.startsWith(':')).toBe(true);
    expect(text).toContain('event: next');
    expect(text).toContain('"__typename":"GenerationCompleted"');
    expect(text.trimEnd().endsWith('event: complete\ndata:')).toBe(true);
  });

  it('When the web app preflights from its origin, then CORS allows the stream with its headers; other origins get no CORS headers', async () => {
    const preflight = await fetch(`${stack.baseUrl}/graphql/stream`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = await postStream(stack.baseUrl, body(), { ...auth, origin: APP_ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    await allowed.text();
    const other = await fetch(`${stack.baseUrl}/graphql/stream`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 415],
    ['a text/plain body that names JSON in a parameter', 'text/plain; charset=application/json', 415],
  ])('When %s tries to start a stream, then it is refused and Claude is not called', async (_, contentType, status) => {
    const res = await postStream(stack.baseUrl, body(), { ...auth, 'content-type': contentType });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When a stream is asked for with GET (EventSource, a link), PUT (single connection mode) or without accepting event streams, then it is refused', async () => {
    const url = `${stack.baseUrl}/graphql/stream?query=${encodeURIComponent(STREAM_QUERY)}&variables=${encodeURIComponent(JSON.stringify({ input: leadInput() }))}`;
    const get = await fetch(url, { headers: { ...auth, accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // graphql-sse's single connection mode starts with a PUT that registers a stream token: not served.
    expect((await fetch(`${stack.baseUrl}/graphql/stream`, { method: 'PUT', headers: auth })).status).toBe(405);
    const json = await postStream(stack.baseUrl, body(), { ...auth, accept: 'application/json' });
    expect(json.status).toBe(406);
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it.each([
    ['a document that does not parse', { query: 'subscription { generateContentStream(' }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', { query: 'subscription { generateContentStream(input: { lead: { email: "a@b.example" } }) { nope } }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['a query', { query: '{ contentModels { id } }' }, 'BAD_REQUEST'],
    ['a mistyped variable', { query: STREAM_QUERY, variables: { input: { lead: { email: 7 } } } }, 'BAD_USER_INPUT'],
    ['an unknown operation name', { query: STREAM_QUERY, operationName: 'Other' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['a body without a query', { variables: {} }, 'BAD_REQUEST'],
    ['an unknown persisted hash', { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, 'PERSISTED_QUERY_NOT_FOUND'],
  ])('When the request carries %s, then 400 with its code and the request id, and nothing runs', async (_, payload, code) => {
    const res = await postStream(stack.baseUrl, JSON.stringify(payload), { ...auth, 'x-request-id': 'stream-refused-01' });
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(errors[0]?.extensions).toMatchObject({ code, retryable: false, requestId: 'stream-refused-01' });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When the lead email is invalid, then the subscription is refused with BAD_USER_INPUT naming the field, and Claude is not called', async () => {
    const [result, ...rest] = await streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables: { input: leadInput('not-an-email') } }, auth);
    expect(rest).toEqual([]);
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lead.email'], requestId: expect.any(String) });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When a caller streams and generates, then each stream is charged once against the generateContent budget (3 a minute), not once per event', async () => {
    const caller = { authorization: `Bearer ${BUDGET_TOKEN}` };
    const first = await streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables: { input: leadInput('budget1@fleet.example') } }, caller);
    expect(first.length).toBeGreaterThan(3);
    expect(first.every((r) => r.errors === undefined)).toBe(true);
    const second = await streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables: { input: leadInput('budget2@fleet.example') } }, caller);
    expect(second[second.length - 1]?.data?.generateContentStream.__typename).toBe('GenerationCompleted');
    const mutation = await stack.execute(GenerateContentDocument, { input: leadInput('budget3@fleet.example') }, { caller: { id: 'budget', kind: 'token' } });
    expect(mutation.errors).toBeUndefined();
    const messagesBefore = stack.sims.claude.stats.byRoute.messages;

    const res = await postStream(stack.baseUrl, body(leadInput('budget4@fleet.example')), caller);
    expect(res.status).toBe(200);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    const text = await res.text();
    const refusal = JSON.parse(/event: next\ndata: (.*)\n/.exec(text)![1]!) as { errors: { extensions: Record<string, unknown> }[] };
    expect(refusal.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: retryAfter });
    expect(stack.sims.claude.stats.byRoute.messages).toBe(messagesBefore);
  });
});

/** The access line and the metrics of each stream, by outcome. */
describe('POST /graphql/stream: one access line and the stream metrics per stream', () => {
  let stack: TestStack;
  let logs: LogCapture;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { UPSTREAM_MAX_ATTEMPTS: '1', CIRCUIT_MIN_CALLS: '1000', CLAUDE_ATTEMPT_TIMEOUT_MS: '60000', DEADLINE_GENERATE_MS: '60000' },
    });
    // After the stack, which configures the logger (silent JSON) itself.
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await stack.close();
  });
  beforeEach(() => logs.clear());

  const linesOf = async (requestId: string) => {
    const access = () => logs.entries().filter((e: Entry) => e.component === 'access' && e.requestId === requestId);
    await until('the access line is written', () => access().length > 0);
    // Anything else would have been written on the same close.
    await new Promise((resolve) => setImmediate(resolve));
    return access();
  };

  it('When a stream completes, then one access line says ok with its tokens and time to first delta, and the metrics count it', async () => {
    const results = await streamToEnd(stack.baseUrl, undefined, { 'x-request-id': 'stream-line-ok-01' });
    const completed = results[results.length - 1]!.data!.generateContentStream;
    if (completed.__typename !== 'GenerationCompleted') throw new Error('not completed');
    expect(await linesOf('stream-line-ok-01')).toEqual([
      expect.objectContaining({
        message: 'graphql operation',
        operation: 'GenerateContentStream',
        operationType: 'subscription',
        rootFields: 'generateContentStream',
        callerKind: 'anonymous',
        outcome: 'ok',
        httpStatus: 200,
        firstDeltaMs: expect.any(Number),
        upstreamCalls: 1,
        inputTokens: completed.content.usage.inputTokens,
        outputTokens: completed.content.usage.outputTokens,
      }),
    ]);
    const metrics = await scrape(stack.baseUrl);
    expect(metrics.value('bff_generation_streams_total', { outcome: 'ok' })).toBe(1);
    expect(metrics.value('bff_generation_stream_first_delta_seconds_count')).toBe(1);
    expect(metrics.value('bff_generation_streams_open')).toBe(0);
    expect(metrics.value('bff_graphql_request_duration_seconds_count', { operation: 'generateContentStream', outcome: 'ok' })).toBe(1);
  });

  it('When the client leaves mid-stream, then the line says cancelled and the stream is no longer counted open', async () => {
    stack.sims.claude.configure({ hang: true });
    try {
      const stream = openStream(stack.baseUrl, undefined, { 'x-request-id': 'stream-line-cancel-01' });
      // Claude never answers: the stream is open and waiting on it.
      await until('Claude is asked', () => stack.sims.claude.stats.inFlight === 1);
      expect((await scrape(stack.baseUrl)).value('bff_generation_streams_open')).toBe(1);
      stream.unsubscribe();
      expect(await linesOf('stream-line-cancel-01')).toEqual([
        expect.objectContaining({ operationType: 'subscription', outcome: 'cancelled', firstDeltaMs: null }),
      ]);
      const metrics = await scrape(stack.baseUrl);
      expect(metrics.value('bff_generation_streams_total', { outcome: 'cancelled' })).toBe(1);
      expect(metrics.value('bff_generation_streams_open')).toBe(0);
    } finally {
      stack.sims.claude.configure({ hang: false });
    }
  });

  it('When the generation fails, then the line says its code', async () => {
    stack.sims.claude.script('messages', ['overloaded']);
    await streamToEnd(stack.baseUrl, undefined, { 'x-request-id': 'stream-line-fail-01' });
    expect(await linesOf('stream-line-fail-01')).toEqual([expect.objectContaining({ outcome: 'UPSTREAM_UNAVAILABLE', upstreamCalls: 1 })]);
    expect((await scrape(stack.baseUrl)).value('bff_generation_streams_total', { outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
  });

  it('When a request is refused before it runs, then its one line says the code', async () => {
    const res = await postStream(stack.baseUrl, JSON.stringify({ query: '{ contentModels { id } }' }), { 'x-request-id': 'stream-line-refused' });
    await res.text();
    expect(await linesOf('stream-line-refused')).toEqual([expect.objectContaining({ outcome: 'BAD_REQUEST', httpStatus: 400 })]);
  });
});
