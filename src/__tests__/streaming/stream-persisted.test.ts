import { GenerateContentStreamDocument } from '../../generated/operations/graphql';
import persisted from '../../generated/operations/persisted-documents.json';
import { manifestHash } from '../../testing/apollo-app';
import { startTestStack, type TestStack } from '../../testing/stack';
import { leadInput, postStream, STREAM_QUERY, streamToEnd } from './stream-client';

const variables = { input: leadInput() };
const lastTypename = (results: Awaited<ReturnType<typeof streamToEnd>>) => results[results.length - 1]?.data?.generateContentStream.__typename;

describe('POST /graphql/stream with PERSISTED_OPERATIONS_ONLY=true', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { PERSISTED_OPERATIONS_ONLY: 'true' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it('When the shipped subscription is sent as its text, then it streams', async () => {
    expect(lastTypename(await streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables }))).toBe('GenerationCompleted');
  });

  it('When only its manifest hash is sent, then the manifest document streams', async () => {
    const hash = manifestHash(GenerateContentStreamDocument);
    expect(Object.keys(persisted)).toContain(hash);
    const results = await streamToEnd(stack.baseUrl, { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(lastTypename(results)).toBe('GenerationCompleted');
  });

  it('When a hand-written subscription is sent, then 400 PERSISTED_QUERY_NOT_FOUND and Claude is not called', async () => {
    const handWritten = 'subscription Mine($input: GenerateContentInput!) { generateContentStream(input: $input) { __typename } }';
    const res = await postStream(stack.baseUrl, JSON.stringify({ query: handWritten, variables }));
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(stack.sims.claude.stats.requests).toBe(0);
  });
});
