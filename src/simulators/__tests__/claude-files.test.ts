import Anthropic, { toFile } from '@anthropic-ai/sdk';
import { IMAGE_TOKENS, PDF_PAGE_TOKENS } from '../claude/files';
import { type ClaudeSimulator, startClaudeSimulator } from '../index';
import { PDF_BYTES, PNG_BYTES } from '../../testing/attachment-fixtures';
import { messageBody, postClaude } from './helpers';

const BETA = 'files-api-2025-04-14';

describe('Claude simulator: the Files API', () => {
  let sim: ClaudeSimulator;
  let client: Anthropic;
  beforeAll(async () => {
    sim = await startClaudeSimulator();
    client = new Anthropic({ apiKey: sim.apiKey, baseURL: sim.url, maxRetries: 0 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.resetStats();
    sim.resetData();
  });

  const upload = (bytes: Buffer, name: string, type: string) => client.beta.files.upload({ file: new File([bytes], name, { type }), betas: [BETA] });
  const withFiles = (...blocks: Array<{ type: string; file_id: string }>) =>
    messageBody({
      messages: [{ role: 'user', content: [...blocks.map(({ type, file_id }) => ({ type, source: { type: 'file', file_id } })), { type: 'text', text: 'Hi' }] }],
    });
  const betaHeaders = { 'anthropic-beta': BETA };

  it('When the SDK uploads a file, then it gets the documented metadata, and the stats count it as stored', async () => {
    const file = await client.beta.files.upload({ file: await toFile(PDF_BYTES, 'case study.pdf', { type: 'application/pdf' }), betas: [BETA] });
    expect(file).toEqual({
      id: expect.stringMatching(/^file_/),
      type: 'file',
      filename: 'case study.pdf',
      mime_type: 'application/pdf',
      size_bytes: PDF_BYTES.length,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      downloadable: false,
    });
    expect(sim.stats).toMatchObject({ filesUploaded: 1, filesStored: 1 });
  });

  it('When the beta header is missing, then the Files API refuses the call and stores nothing', async () => {
    await expect(client.beta.files.upload({ file: new File([PNG_BYTES], 'a.png', { type: 'image/png' }) })).rejects.toMatchObject({ status: 400 });
    expect(sim.stats.filesStored).toBe(0);
  });

  it('When a file is deleted, then the answer is file_deleted; deleting it again or an unknown id is a 404', async () => {
    const { id } = await upload(PNG_BYTES, 'a.png', 'image/png');
    expect(await client.beta.files.delete(id, { betas: [BETA] })).toEqual({ id, type: 'file_deleted' });
    await expect(client.beta.files.delete(id, { betas: [BETA] })).rejects.toMatchObject({ status: 404 });
    expect(sim.stats).toMatchObject({ filesDeleted: 1, filesStored: 0 });
  });

  it('When a file name has a character the real API forbids, then 400 and nothing is stored', async () => {
    await expect(upload(PNG_BYTES, 'a<b>.png', 'image/png')).rejects.toMatchObject({ status: 400 });
    expect(sim.stats.filesStored).toBe(0);
  });

  it('When a message refers to an image and a PDF, then count_tokens and usage add their fixed costs, under the beta flag only', async () => {
    const image = await upload(PNG_BYTES, 'a.png', 'image/png');
    const pdf = await upload(PDF_BYTES, 'b.pdf', 'application/pdf');
    const plain = (await (await postClaude(sim, messageBody({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }), { path: '/v1/messages/count_tokens' })).json()) as { input_tokens: number };
    const body = withFiles({ type: 'image', file_id: image.id }, { type: 'document', file_id: pdf.id });
    const counted = (await (await postClaude(sim, body, { path: '/v1/messages/count_tokens', headers: betaHeaders })).json()) as { input_tokens: number };
    expect(counted.input_tokens).toBe(plain.input_tokens + IMAGE_TOKENS + 2 * PDF_PAGE_TOKENS);
    const message = (await (await postClaude(sim, body, { headers: betaHeaders })).json()) as { usage: { input_tokens: number } };
    expect(message.usage.input_tokens).toBe(counted.input_tokens);
    expect(sim.stats.lastFileBlocks).toEqual([
      { type: 'image', fileId: image.id },
      { type: 'document', fileId: pdf.id },
    ]);
    const withoutBeta = await postClaude(sim, body);
    expect(withoutBeta.status).toBe(400);
  });

  it('When a PDF is sent as an image block, or an image as a document, then 400 invalid_request_error', async () => {
    const image = await upload(PNG_BYTES, 'a.png', 'image/png');
    const pdf = await upload(PDF_BYTES, 'b.pdf', 'application/pdf');
    for (const block of [{ type: 'image', file_id: pdf.id }, { type: 'document', file_id: image.id }]) {
      const res = await postClaude(sim, withFiles(block), { headers: betaHeaders });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    }
  });

  it('When a file declared image/png does not decode as one, then an image block of it is a 400', async () => {
    const fake = await upload(PDF_BYTES, 'not-really.png', 'image/png');
    const res = await postClaude(sim, withFiles({ type: 'image', file_id: fake.id }), { headers: betaHeaders });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Could not process image');
  });

  it('When a message refers to an unknown or deleted file, then 404 not_found_error', async () => {
    const res = await postClaude(sim, withFiles({ type: 'image', file_id: 'file_nope' }), { headers: betaHeaders });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'not_found_error' } });
  });

  it('When a fault is scripted on the files route, then an error fault stores nothing and the next call works', async () => {
    sim.script('files', ['overloaded']);
    await expect(upload(PNG_BYTES, 'a.png', 'image/png')).rejects.toMatchObject({ status: 529 });
    expect(sim.stats.filesStored).toBe(0);
    await upload(PNG_BYTES, 'a.png', 'image/png');
    expect(sim.stats.filesStored).toBe(1);
  });
});
