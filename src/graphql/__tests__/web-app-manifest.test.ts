import webManifest from '../../../web/src/gql/persisted-documents.json';
import { leadInput, postStream, streamToEnd } from '../../__tests__/streaming/stream-client';
import { PNG_BYTES, uploadFile } from '../../testing/attachment-fixtures';
import { startTestStack, type TestStack } from '../../testing/stack';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

/** What an operation needs to run for real against the simulators: ids the test creates first. */
interface Fixtures {
  campaignId: string;
  attachmentId: string;
}

const OPERATION = /^(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * Variables for every operation the web app ships, so each one runs to a real answer. An operation the app adds
 * without an entry here fails its test: the app's manifest is the contract this server is deployed with.
 */
const VARIABLES: Record<string, (fixtures: Fixtures) => Record<string, unknown>> = {
  Campaigns: () => ({ forceRefresh: false }),
  DuplicateEmails: ({ campaignId }) => ({ campaignId, emails: ['nobody.yet@web-manifest.example'] }),
  AddProspectsToCampaign: ({ campaignId }) => ({ input: { campaignId, prospects: [{ email: 'added@web-manifest.example' }] } }),
  ContentModels: () => ({}),
  EstimateGeneration: ({ attachmentId }) => ({ input: { ...leadInput(), attachmentIds: [attachmentId] } }),
  DeleteAttachment: ({ attachmentId }) => ({ id: attachmentId }),
  GenerateContent: () => ({ input: leadInput() }),
  GenerateContentStream: ({ attachmentId }) => ({ input: { ...leadInput(), attachmentIds: [attachmentId] } }),
};

const shipped = Object.entries(webManifest).map(([key, text]) => {
  const [, kind, name] = OPERATION.exec(text) ?? [];
  return { hash: key.replace(/^sha256:/, ''), kind, name: name ?? text.slice(0, 40) };
});
// DeleteAttachment last (and after the subscription): the other operations use the attachment it deletes.
const operations = shipped.filter((op) => op.kind === 'query' || op.kind === 'mutation').sort((a, b) => Number(a.name === 'DeleteAttachment') - Number(b.name === 'DeleteAttachment'));
const subscriptions = shipped.filter((op) => op.kind === 'subscription');

async function postGraphQL(stack: TestStack, body: unknown): Promise<{ status: number; body: GraphQLBody }> {
  const res = await fetch(`${stack.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

const byHash = (hash: string, variables: Record<string, unknown>) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('PERSISTED_OPERATIONS_ONLY=true with the web app’s manifest (web/src/gql/persisted-documents.json)', () => {
  let stack: TestStack;
  let fixtures: Fixtures;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
    const [campaign] = stack.sims.woodpecker.store.campaigns();
    const upload = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'one-pager.png', type: 'image/png' }, { 'apollo-require-preflight': 'true' });
    fixtures = { campaignId: String(campaign!.id), attachmentId: String(upload.body.id) };
  });
  afterAll(() => stack.close());

  it('When the manifest is read, then it ships queries, mutations and the generation subscription', () => {
    expect(operations.map((op) => op.kind)).toEqual(expect.arrayContaining(['query', 'mutation']));
    expect(subscriptions.map((op) => op.name)).toEqual(['GenerateContentStream']);
  });

  it.each(subscriptions)('When the app sends only the hash of its subscription $name, then /graphql/stream streams it to the end', async ({ hash, name }) => {
    const results = await streamToEnd(stack.baseUrl, byHash(hash, VARIABLES[name]!(fixtures)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const events = results.map((r) => r.data?.generateContentStream.__typename);
    expect(events).toContain('SnippetDelta');
    expect(events[events.length - 1]).toBe('GenerationCompleted');
  });

  it.each(operations)('When the app sends only the hash of its $kind $name, then /graphql runs it', async ({ hash, name }) => {
    const variables = VARIABLES[name];
    if (!variables) throw new Error(`the web app ships ${name}, which this test has no variables for`);
    const { status, body } = await postGraphQL(stack, byHash(hash, variables(fixtures)));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(Object.values(body.data ?? {})).not.toContain(null);
  });

  it('When an operation the app does not ship is sent as text, then /graphql refuses it with PERSISTED_QUERY_NOT_FOUND and Woodpecker is not called', async () => {
    stack.sims.woodpecker.resetStats();
    const { status, body } = await postGraphQL(stack, { query: 'query NotShipped { campaigns(forceRefresh: true) { id name } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When a hash that no manifest holds is sent, then both routes answer PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = 'f'.repeat(64);
    const graphql = await postGraphQL(stack, byHash(unknown, {}));
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const stream = await postStream(stack.baseUrl, JSON.stringify(byHash(unknown, { input: leadInput() })));
    expect(stream.status).toBe(400);
    expect(((await stream.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
