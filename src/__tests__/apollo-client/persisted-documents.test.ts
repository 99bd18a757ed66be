import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { parse } from 'graphql';
import { CampaignsDocument } from '../../generated/operations/graphql';
import manifest from '../../generated/operations/persisted-documents.json';
import { appClient, manifestHash, refusalOf, sha256, type SentRequest } from '../../testing/apollo-app';
import { startTestStack, type TestStack } from '../../testing/stack';

/** Persisted documents as an Apollo Client 4 app sends them, with either of PersistedQueryLink's hashings. */

describe.each<{ settings: string; env: Record<string, string>; safelist: boolean }>([
  { settings: 'the default settings', env: {}, safelist: false },
  { settings: 'PERSISTED_OPERATIONS_ONLY=true', env: { PERSISTED_OPERATIONS_ONLY: 'true' }, safelist: true },
])('An Apollo Client 4 app with $settings', ({ env, safelist }) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env });
  });
  afterAll(() => stack.close());

  it('When it sends only the manifest hash of a shipped query, then the query runs and every object carries __typename', async () => {
    const sent: SentRequest[] = [];
    const client = appClient(stack.baseUrl, { persisted: new PersistedQueryLink({ generateHash: manifestHash }), sent });

    const { data } = await client.query({ query: CampaignsDocument });

    expect(sent).toEqual([
      {
        method: 'POST',
        body: expect.objectContaining({
          extensions: expect.objectContaining({ persistedQuery: { version: 1, sha256Hash: manifestHash(CampaignsDocument) } }),
        }),
      },
    ]);
    expect(sent[0]?.body).not.toHaveProperty('query');
    expect(Object.keys(manifest)).toContain(manifestHash(CampaignsDocument));
    expect(data?.campaigns.length).toBeGreaterThan(0);
    expect(data?.campaigns.every((c) => c.__typename === 'Campaign')).toBe(true);
    const first = data!.campaigns[0]!;
    expect(client.cache.extract()).toHaveProperty(`Campaign:${first.id}`);
  });

  it(`When it hashes the printed query with sha256 itself, then the query runs after one retry with its text, which ${
    safelist ? 'is never registered' : 'registers the hash'
  }`, async () => {
    const requestsOfOneQuery = async () => {
      const sent: SentRequest[] = [];
      const { data } = await appClient(stack.baseUrl, { persisted: new PersistedQueryLink({ sha256 }), sent }).query({ query: CampaignsDocument });
      expect(data?.campaigns[0]?.__typename).toBe('Campaign');
      return sent.map((request) => ('query' in (request.body ?? {}) ? 'hash and text' : 'hash only'));
    };

    expect(await requestsOfOneQuery()).toEqual(['hash only', 'hash and text']);
    expect(await requestsOfOneQuery()).toEqual(safelist ? ['hash only', 'hash and text'] : ['hash only']);
  });

  it(`When it sends a query the app does not ship, then it ${safelist ? 'is refused and nothing runs' : 'runs'}`, async () => {
    stack.sims.woodpecker.resetStats();
    const adHoc = appClient(stack.baseUrl, { persisted: new PersistedQueryLink({ sha256 }) }).query({ query: parse('query AdHoc { campaigns(forceRefresh: true) { id } }') });
    if (safelist) {
      expect(await refusalOf(adHoc)).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
      expect(stack.sims.woodpecker.stats.requests).toBe(0);
    } else {
      expect((await adHoc).data).toEqual({ campaigns: expect.any(Array) });
    }
  });
});
