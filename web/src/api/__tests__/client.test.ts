import { gql } from '@apollo/client';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CampaignsQuery } from '../../export/operations';
import manifest from '../../gql/persisted-documents.json';
import { fakeBff } from '../../test/fake-bff';
import { createApolloClient } from '../client';

const CAMPAIGNS = { data: { __typename: 'Query', campaigns: [] } };

function client(token = '') {
  const bff = fakeBff(() => CAMPAIGNS);
  return { bff, client: createApolloClient({ graphqlUrl: 'http://bff.test/graphql', streamUrl: 'http://bff.test/graphql/stream', accessToken: () => token, fetchFn: bff.fetch }) };
}

describe('createApolloClient', () => {
  it('When a query is sent, then its text is the manifest’s and the persisted-query hash is the sha256 of that text', async () => {
    const { bff, client: apollo } = client();
    await apollo.query({ query: CampaignsQuery });
    const [request] = bff.requests;
    const hash = createHash('sha256').update(request!.query).digest('hex');
    expect(Object.values(manifest)).toContain(request!.query);
    expect(manifest).toHaveProperty(`sha256:${hash}`, request!.query);
    expect(request!.extensions).toMatchObject({ persistedQuery: { version: 1, sha256Hash: hash } });
    expect(request!.url).toBe('http://bff.test/graphql');
  });

  it('When an access token is set, then every request carries it as a bearer token; without one, no authorization header is sent', async () => {
    const withToken = client('tok-abcdefghijklmnop');
    await withToken.client.query({ query: CampaignsQuery });
    expect(withToken.bff.requests[0]!.headers.get('authorization')).toBe('Bearer tok-abcdefghijklmnop');

    const anonymous = client();
    await anonymous.client.query({ query: CampaignsQuery });
    expect(anonymous.bff.requests[0]!.headers.has('authorization')).toBe(false);
  });

  it('When a subscription is started, then it goes to the graphql-sse endpoint, not to /graphql', async () => {
    const { bff, client: apollo } = client('tok-abcdefghijklmnop');
    const subscription = apollo.subscribe({ query: gql`subscription Ticks { ticks }` }).subscribe({ next: () => {}, error: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    subscription.unsubscribe();
    expect(bff.requests.map((r) => r.url)).toEqual(['http://bff.test/graphql/stream']);
    expect(bff.requests[0]!.headers.get('authorization')).toBe('Bearer tok-abcdefghijklmnop');
  });
});
