import { SignJWT } from 'jose';
import { startTestStack, type TestStack } from '../../testing/stack';

const QUERY = JSON.stringify({ query: '{ campaigns(forceRefresh: true) { id } }' });

async function call(stack: TestStack, authorization?: string) {
  const res = await fetch(`${stack.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: QUERY,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

describe('AUTH_MODE=token over HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'token', AUTH_TOKENS: 'web-app:tok-web-0123456789abcdef' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  it.each([
    ['no Authorization header', undefined, 'Send an Authorization: Bearer <token> header.'],
    ['a wrong token', 'Bearer tok-web-0123456789abcdeX', 'The token is not valid.'],
    ['another scheme', 'Basic d2ViOnRvaw==', 'Send an Authorization: Bearer <token> header.'],
  ])('When a request has %s, then 401 UNAUTHENTICATED and no upstream call', async (_case, authorization, message) => {
    const { status, headers, body } = await call(stack, authorization);
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED', retryable: false, requestId: expect.any(String) } }]);
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When the token is valid, then the request runs', async () => {
    const { status, body } = await call(stack, 'Bearer tok-web-0123456789abcdef');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(stack.sims.woodpecker.stats.requests).toBe(1);
  });

  it('When a browser opens the development Sandbox page, then it loads without a token', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('apollographql');
  });

  const graphqlGet = (search: string, headers: Record<string, string>) =>
    fetch(`${stack.baseUrl}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  const queryParam = `query=${encodeURIComponent('{ campaigns(forceRefresh: true) { id } }')}`;
  const hashParam = `extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }))}`;

  it.each([
    ['a query that accepts HTML after the GraphQL type', queryParam, 'application/graphql-response+json, text/html'],
    ['a query that prefers HTML', queryParam, 'text/html'],
    ['a query with an encoded parameter name', `%71uery=${encodeURIComponent('{ campaigns { id } }')}`, 'application/graphql-response+json, text/html'],
    ['only a persisted-query hash', hashParam, 'application/graphql-response+json, text/html'],
  ])('When a development GET carries %s and no token, then 401 and no upstream call', async (_case, search, accept) => {
    const res = await graphqlGet(search, { accept });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When an authenticated GET executes while also accepting HTML, then it runs under the strict CSP, not the Sandbox one', async () => {
    const res = await graphqlGet(queryParam, {
      accept: 'application/graphql-response+json, text/html',
      authorization: 'Bearer tok-web-0123456789abcdef',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { campaigns: unknown[] } }).data.campaigns.length).toBeGreaterThan(0);
    expect(res.headers.get('content-security-policy')).not.toContain('apollographql');
  });
});

describe('AUTH_MODE=jwt over HTTP', () => {
  const secret = 'jwt-secret-for-tests-0123456789abcdef';
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'outreach-bff' } });
  });
  afterAll(() => stack.close());

  const token = (audience: string, exp: number) =>
    new SignJWT({ sub: 'user-7' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(audience)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));

  it('When the JWT is valid, then the request runs; expired or for another audience, then 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await call(stack, `Bearer ${await token('outreach-bff', now + 300)}`)).status).toBe(200);
    const expired = await call(stack, `Bearer ${await token('outreach-bff', now - 60)}`);
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]?.message).toBe('The token has expired.');
    const elsewhere = await call(stack, `Bearer ${await token('another-api', now + 300)}`);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.errors?.[0]?.message).toBe('The token was not issued for this API.');
  });
});
