import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { AddProspectsToCampaignDocument, CampaignsDocument } from '../../generated/operations/graphql';
import { appClient, manifestHash, refusalOf } from '../../testing/apollo-app';
import { startTestStack, type TestStack } from '../../testing/stack';

/**
 * One error shape for an Apollo Client 4 app: refusals raised before GraphQL runs reach it as CombinedGraphQLErrors
 * with a code, retry hints reach HTTP too, and codes it switches on are schema enums.
 */

describe('An Apollo Client 4 app whose request is refused before GraphQL runs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'token', AUTH_TOKENS: 'web:tok-web-0123456789abcdef', BODY_LIMIT_BYTES: '20000' } });
  });
  afterAll(() => stack.close());

  it('When it sends no token, then it sees CombinedGraphQLErrors with UNAUTHENTICATED', async () => {
    const client = appClient(stack.baseUrl, { persisted: new PersistedQueryLink({ generateHash: manifestHash }) });
    expect(await refusalOf(client.query({ query: CampaignsDocument }))).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
  });

  it('When its body is over the size limit, then it sees CombinedGraphQLErrors with BAD_REQUEST', async () => {
    const client = appClient(stack.baseUrl, { headers: { authorization: 'Bearer tok-web-0123456789abcdef' } });
    const prospects = Array.from({ length: 50 }, (_, i) => ({ email: `p${i}@acme.example`, snippet2: 'x'.repeat(1_000) }));
    const mutation = client.mutate({ mutation: AddProspectsToCampaignDocument, variables: { input: { campaignId: '1', prospects } } });
    expect(await refusalOf(mutation)).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  it.each([
    ['an unreadable body', { 'content-type': 'application/json' }, '{"query": '],
    ['no token', { 'content-type': 'application/json' }, '{"query":"{ campaigns { id } }"}'],
  ])('When a request has %s and accepts the GraphQL response type, then it gets that type', async (_case, headers, body) => {
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { ...headers, accept: 'application/graphql-response+json, application/json;q=0.9' },
      body,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('When a client accepts only application/json, then refusals keep that type', async () => {
    const res = await fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('Retry hints', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_READ_PER_MINUTE: '1' } });
  });
  afterAll(() => stack.close());

  it('When an answer carries retryAfterSeconds, then the retry-after header says the same', async () => {
    const ask = () =>
      fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ campaigns { id } }' }) });
    expect((await ask()).headers.get('retry-after')).toBeNull();
    const limited = await ask();
    const body = (await limited.json()) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe(String(body.errors[0]?.extensions.retryAfterSeconds));
  });
});
