import { freePort } from '../../testing/redis-server';
import { startTestStack, type TestStack } from '../../testing/stack';

const QUERY = '{ campaigns { id name status } }';

describe('HTTP surface (development)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CORS_ORIGINS: 'http://localhost:5173', BODY_LIMIT_BYTES: '20000' } });
  });
  afterAll(() => stack.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('When a query is POSTed as JSON, then it is answered with a fresh request id and hardened headers', async () => {
    const res = await post(JSON.stringify({ query: QUERY }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as { data: { campaigns: unknown[] } };
    expect(body.data.campaigns.length).toBeGreaterThan(0);
  });

  it('When the client sends a sane x-request-id, then it is echoed; an unsafe one is replaced', async () => {
    const sane = await post(JSON.stringify({ query: QUERY }), { 'x-request-id': 'client-req-0001' });
    expect(sane.headers.get('x-request-id')).toBe('client-req-0001');
    const unsafe = await post(JSON.stringify({ query: QUERY }), { 'x-request-id': 'bad id\twith spaces' });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('When a GET query carries the preflight header, then it runs; without it CSRF prevention refuses it', async () => {
    const url = `${stack.baseUrl}/graphql?query=${encodeURIComponent(QUERY)}`;
    expect((await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })).status).toBe(200);
    const refused = await fetch(url);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('apollo-require-preflight');
  });

  it('When a POST uses a simple content type, then CSRF prevention refuses it before execution', async () => {
    const res = await post(JSON.stringify({ query: QUERY }), { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
  });

  it('When the body is not JSON, then 400 BAD_REQUEST in the GraphQL error shape with the request id', async () => {
    const res = await post('{"query": "{ campaigns { id } ', { 'x-request-id': 'client-req-0002' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST', retryable: false, requestId: 'client-req-0002' } }],
    });
  });

  it('When the body is larger than the limit, then 413 with a clear message', async () => {
    const res = await post(JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(30_000) } }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('The request body is too large (limit 20000 bytes).');
  });

  it('When the query does not parse or validate, then Apollo codes with a request id and HTTP 400', async () => {
    const parse = await post(JSON.stringify({ query: '{ campaigns { id ' }));
    expect(parse.status).toBe(400);
    const parsed = (await parse.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(parsed.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', retryable: false, requestId: expect.any(String) });
    const invalid = await post(JSON.stringify({ query: '{ campaigns { nope } }' }));
    expect(invalid.status).toBe(400);
    const validated = (await invalid.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(validated.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) });
  });

  it('When a variable has the wrong type, then 400 BAD_USER_INPUT', async () => {
    const res = await post(JSON.stringify({ query: 'query($p: Int) { prospects(page: $p) { totalCount } }', variables: { p: 'one' } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
  });

  it('When a subscription, an unknown operation name or an unknown persisted hash is sent, then a 400 with its code', async () => {
    const codeOf = async (body: unknown) => {
      const res = await post(JSON.stringify(body));
      return [res.status, ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code];
    };
    // Subscriptions are served over graphql-sse at /graphql/stream, not here.
    const stream = 'subscription { generateContentStream(input: { lead: { email: "a@b.example" } }) { __typename } }';
    expect(await codeOf({ query: stream })).toEqual([400, 'BAD_REQUEST']);
    expect(await codeOf({ query: 'query A { campaigns { id } }', operationName: 'B' })).toEqual([400, 'OPERATION_RESOLUTION_FAILURE']);
    expect(await codeOf({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })).toEqual([400, 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('When a subscription is sent to /graphql, then the refusal points to the stream route', async () => {
    const res = await post(JSON.stringify({ query: 'subscription { generateContentStream(input: { lead: { email: "a@b.example" } }) { __typename } }' }));
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toContain('/graphql/stream');
  });

  it('When the origin is allowed, then CORS headers allow it with credentials; other origins get none', async () => {
    const allowed = await post(JSON.stringify({ query: QUERY }), { origin: 'http://localhost:5173' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const blocked = await post(JSON.stringify({ query: QUERY }), { origin: 'https://evil.example' });
    expect(blocked.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('When a browser opens /graphql in development, then the Sandbox page is served with a CSP that lets it load', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('apollographql');
    expect(res.headers.get('content-security-policy')).toContain('sandbox.embed.apollographql.com');
  });

  it('When health, readiness and metrics are asked for, then they answer without touching the upstreams', async () => {
    stack.sims.woodpecker.resetStats();
    stack.sims.claude.resetStats();
    expect(await (await fetch(`${stack.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await fetch(`${stack.baseUrl}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('bff_process_cpu_user_seconds_total');
    expect(stack.sims.woodpecker.stats.requests + stack.sims.claude.stats.requests).toBe(0);
    expect(metrics.headers.get('content-security-policy')).not.toContain('apollographql');
  });

  it('When an unknown route is requested, then 404 in the error shape', async () => {
    const res = await fetch(`${stack.baseUrl}/admin`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('HTTP surface (production)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', METRICS_TOKEN: 'metrics-token-0123456789' } });
  });
  afterAll(() => stack.close());

  it('When /metrics is scraped without the metrics token, then 401; with it, the Prometheus text', async () => {
    expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const scrape = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('bff_process_cpu_user_seconds_total');
  });

  const post = (query: string) =>
    fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('When a browser opens /graphql, then there is no Sandbox page', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('apollographql');
  });

  it('When introspection is attempted, then it is refused', async () => {
    const res = await post('{ __schema { types { name } } }');
    const body = (await res.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('When a field name is misspelt, then the error does not suggest the real names', async () => {
    const body = (await (await post('{ campaign { nam } }')).json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).not.toMatch(/did you mean/i);
  });

  it('When a field name is misspelt in a stream, then that error does not suggest the real names either', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { generateContentStream(input: { lead: { email: "a@b.example" } }) { ... on GenerationStarted { mode } } }' }),
    });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]?.message).toContain('"mode"');
    expect(body.errors[0]?.message).not.toMatch(/did you mean/i);
  });
});

describe('HTTP surface with Redis down', () => {
  let stack: TestStack;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    stack = await startTestStack({ env: { REDIS_URL: `redis://:redis-password-0123@127.0.0.1:${port}` } });
  });
  afterAll(() => stack.close());

  it('When /readyz fails because Redis is unreachable, then it gives a reason code, not the error text or address', async () => {
    const res = await fetch(`${stack.baseUrl}/readyz`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'unavailable', checks: { redis: 'unreachable' } });
    expect(text).not.toContain(String(port));
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
