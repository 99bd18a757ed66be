import { describe, expect, it } from 'vitest';
import { createApolloClient } from '../../api/client';
import { CampaignsQuery } from '../../export/operations';
import { bffError, fakeBff, type FakeHandler } from '../../test/fake-bff';
import { toAppError } from '../app-error';

/** Runs the Campaigns query through the real Apollo client against an answer, and returns what the app makes of the failure. */
async function failureOf(handler: FakeHandler) {
  const bff = fakeBff(handler);
  const client = createApolloClient({ graphqlUrl: 'http://bff.test/graphql', streamUrl: 'http://bff.test/graphql/stream', accessToken: () => '', fetchFn: bff.fetch });
  const error = await client.query({ query: CampaignsQuery }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return toAppError(error);
}

describe('toAppError', () => {
  it('When the server answers GraphQL errors, then the code, retry hint, request id and fields come from the first error’s extensions', async () => {
    const error = await failureOf(() => ({
      data: null,
      errors: [bffError('RATE_LIMITED', { retryable: true, retryAfterSeconds: 12.2, requestId: 'req-42' })],
    }));
    expect(error).toEqual({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 13, requestId: 'req-42' });
  });

  it('When validation fails, then the refused fields are kept', async () => {
    const error = await failureOf(() => ({ data: null, errors: [bffError('BAD_USER_INPUT', { fields: ['input.lead.email'] })] }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.lead.email'] });
  });

  it('When a 401 comes back as plain application/json (today’s auth layer), then it is still read as UNAUTHENTICATED from the body', async () => {
    const error = await failureOf(() => ({
      http: { status: 401, body: JSON.stringify({ errors: [bffError('UNAUTHENTICATED', { requestId: 'req-7' })] }) },
    }));
    expect(error).toEqual({ code: 'UNAUTHENTICATED', retryable: false, requestId: 'req-7' });
  });

  it('When a 401 comes back as application/graphql-response+json, then it is read the same way', async () => {
    const error = await failureOf(() => ({
      http: { status: 401, contentType: 'application/graphql-response+json', body: JSON.stringify({ errors: [bffError('UNAUTHENTICATED')] }) },
    }));
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('When a 400 request-level error arrives before Apollo (unreadable body), then its code is kept', async () => {
    const error = await failureOf(() => ({ http: { status: 400, body: JSON.stringify({ errors: [bffError('BAD_REQUEST')] }) } }));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('When a proxy answers 502 with an HTML page, then the error is UNKNOWN and retryable, with nothing of the page kept', async () => {
    const error = await failureOf(() => ({ http: { status: 502, contentType: 'text/html', body: '<h1>Bad gateway from upstream.example</h1>' } }));
    expect(error).toEqual({ code: 'UNKNOWN', retryable: true });
  });

  it('When a 429 without a GraphQL body says Retry-After, then the hint is taken from the header', async () => {
    const error = await failureOf(() => ({
      http: { status: 429, body: JSON.stringify({ errors: [bffError('RATE_LIMITED', { retryable: true })] }), headers: { 'retry-after': '30' } },
    }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('When the server cannot be reached at all, then the error is NETWORK and retryable', async () => {
    const error = await failureOf(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(error).toEqual({ code: 'NETWORK', retryable: true });
  });

  it('When an error carries a code outside the closed set, then it becomes UNKNOWN rather than trusted', async () => {
    const error = await failureOf(() => ({ data: null, errors: [bffError('SOMETHING_NEW')] }));
    expect(error.code).toBe('UNKNOWN');
  });
});
