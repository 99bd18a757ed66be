import { TestClock } from '../../../datasources/shared/__tests__/support/test-clock';
import { DeleteAttachmentDocument, GenerateContentDocument } from '../../../generated/operations/graphql';
import { PDF_BYTES, PNG_BYTES, uploadFile } from '../../../testing/attachment-fixtures';
import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';

const ALICE = 'tok-alice-4e2a8c6b1d3f5a7c';
const BOB = 'tok-bob-9d1f3b5e7a2c4e6d';
const alice = { caller: { id: 'alice', kind: 'token' as const } };
const lead = { email: 'maria.lopez@acme-robotics.example', firstName: 'Maria', company: 'Acme Robotics' };
const NOT_FOUND = 'There is no attachment with this id (it may have expired); upload the file again.';
const TTL_SECONDS = 3_600;
const SWEEP_MS = 60_000;

async function upload(stack: TestStack, bytes: Buffer, name: string, token = ALICE): Promise<string> {
  const answer = await uploadFile(stack.baseUrl, { bytes, name, type: 'application/octet-stream' }, { authorization: `Bearer ${token}` });
  expect(answer.status).toBe(201);
  return String(answer.body.id);
}

/** GraphQL over real HTTP, as another caller's app sends it. */
async function graphql(stack: TestStack, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${stack.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe('attachments in generations, ownership, deletion and expiry', () => {
  let stack: TestStack;
  const clock = new TestClock();
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        AUTH_MODE: 'token',
        AUTH_TOKENS: `alice:${ALICE},bob:${BOB}`,
        RATE_LIMIT_GENERATE_PER_MINUTE: '1000',
        RATE_LIMIT_UPLOADS_PER_MINUTE: '1000',
        ATTACHMENT_TTL_SECONDS: String(TTL_SECONDS),
        ATTACHMENT_SWEEP_INTERVAL_MS: String(SWEEP_MS),
      },
      attachmentClock: clock,
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sims.claude.resetStats();
    stack.sims.claude.resetData();
  });
  const fileIdOf = (mimeType: string) => stack.sims.claude.files.list().find((file) => file.mimeType === mimeType)?.id;

  it('When a generation names a PNG and a PDF, then Claude receives an image and a document block of those files, counted as input', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    const document = await upload(stack, PDF_BYTES, 'case-study.pdf');
    const result = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image, document] } }, alice);
    expect(result.errors).toBeUndefined();
    expect(stack.sims.claude.stats.lastFileBlocks).toEqual([
      { type: 'image', fileId: fileIdOf('image/png') },
      { type: 'document', fileId: fileIdOf('application/pdf') },
    ]);
    // The simulator bills 1 600 tokens per image and 1 500 per PDF page (two pages): the prompt text comes on top.
    expect(result.data!.generateContent.usage.inputTokens).toBeGreaterThan(1_600 + 2 * 1_500);
    // Files make the local estimate uncertain: the reservation asked count_tokens, under the same beta flag.
    expect(stack.sims.claude.stats.countTokensRequests).toBe(1);
  });

  it('When another caller names the attachment, then NOT_FOUND with the message an unknown id gets, and nothing reaches Claude', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    stack.sims.claude.resetStats();
    const query = 'mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 } }';
    const foreign = await graphql(stack, BOB, query, { input: { lead, attachmentIds: [image] } });
    const unknown = await graphql(stack, BOB, query, { input: { lead, attachmentIds: ['att_doesnotexist000000000000'] } });
    for (const answer of [foreign, unknown]) {
      expect(answer.errors?.[0]).toMatchObject({ message: NOT_FOUND, extensions: { code: 'NOT_FOUND', retryable: false, fields: ['input.attachmentIds[0]'] } });
    }
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When another caller deletes the attachment, then NOT_FOUND and the owner can still use it', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    const answer = await graphql(stack, BOB, 'mutation($id: ID!) { deleteAttachment(id: $id) }', { id: image });
    expect(answer.errors?.[0]).toMatchObject({ message: NOT_FOUND, extensions: { code: 'NOT_FOUND' } });
    expect(stack.sims.claude.stats.filesDeleted).toBe(0);
    const used = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image] } }, alice);
    expect(used.errors).toBeUndefined();
  });

  it('When a generation names 5 attachments, then BAD_USER_INPUT before any lookup or Claude call', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => `att_${c.repeat(24)}`);
    const result = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: ids } }, alice);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.attachmentIds'] });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When a generation names the same attachment twice, then Claude sees its file once', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    const result = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image, image] } }, alice);
    expect(result.errors).toBeUndefined();
    expect(stack.sims.claude.stats.lastFileBlocks).toEqual([{ type: 'image', fileId: fileIdOf('image/png') }]);
    // And an unknown id after the repeat is named at its own place in the list.
    const unknown = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image, image, 'att_unknown'] } }, alice);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', fields: ['input.attachmentIds[2]'] });
  });

  it('When the owner deletes the attachment, then true, the file is deleted from Claude, and the id is unknown from then on', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    const deleted = await stack.execute(DeleteAttachmentDocument, { id: image }, alice);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteAttachment).toBe(true);
    expect(stack.sims.claude.stats).toMatchObject({ filesDeleted: 1, filesStored: 0 });
    const again = await stack.execute(DeleteAttachmentDocument, { id: image }, alice);
    expect(again.errors?.[0]).toMatchObject({ message: NOT_FOUND, extensions: { code: 'NOT_FOUND' } });
    const used = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image] } }, alice);
    expect(used.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('When Claude cannot be reached for the delete, then the owner still gets true and a later sweep deletes the file', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    stack.sims.claude.script('files', ['server_error', 'server_error', 'server_error', 'server_error']);
    expect((await stack.execute(DeleteAttachmentDocument, { id: image }, alice)).data?.deleteAttachment).toBe(true);
    expect(stack.sims.claude.stats).toMatchObject({ filesDeleted: 0, filesStored: 1 });
    expect((await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [image] } }, alice)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    // The delete's claim lapses after five minutes; the sweep after that deletes the file.
    await clock.advance(5 * 60_000 + SWEEP_MS);
    await until('the sweep deleted the file', () => stack.sims.claude.stats.filesDeleted === 1);
    expect(stack.sims.claude.stats.filesStored).toBe(0);
  });

  it('When an attachment expires, then it is unusable and the next sweep deletes its file from Claude', async () => {
    const image = await upload(stack, PNG_BYTES, 'logo.png');
    const kept = await upload(stack, PDF_BYTES, 'deck.pdf');
    await clock.advance(TTL_SECONDS * 1000 - SWEEP_MS);
    expect(stack.sims.claude.stats.filesDeleted).toBe(0);
    // A fresh upload just before the first one expires: it must outlive the sweep that takes the first.
    const fresh = await upload(stack, PNG_BYTES, 'new-logo.png');
    await clock.advance(SWEEP_MS);
    await until('the sweep deleted both expired files', () => stack.sims.claude.stats.filesDeleted === 2);
    expect(stack.sims.claude.files.list().map((file) => file.filename)).toEqual(['new-logo.png']);
    for (const id of [image, kept]) {
      const used = await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [id] } }, alice);
      expect(used.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await stack.execute(GenerateContentDocument, { input: { lead, attachmentIds: [fresh] } }, alice)).errors).toBeUndefined();
  });
});
