import { MAX_ATTACHMENT_BYTES } from '../../attachments/incoming-file';
import { EXECUTABLE_BYTES, PDF_BYTES, PNG_BYTES, pngOfSize, uploadFile } from '../../testing/attachment-fixtures';
import { configureLogger } from '../../logging/logger';
import { captureLogs, type LogCapture } from '../../testing/log-capture';
import { startTestStack, type TestStack } from '../../testing/stack';

const ALICE = 'tok-alice-7c1e9a3f5b2d4e6f';
const AUTH = { authorization: `Bearer ${ALICE}` };

describe('POST /attachments', () => {
  let stack: TestStack;
  let logs: LogCapture;
  beforeAll(async () => {
    stack = await startTestStack({ env: { AUTH_MODE: 'token', AUTH_TOKENS: `alice:${ALICE}`, RATE_LIMIT_UPLOADS_PER_MINUTE: '1000' } });
    configureLogger({ level: 'info', format: 'json', silent: true });
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await stack.close();
  });
  beforeEach(() => {
    stack.sims.claude.resetStats();
    stack.sims.claude.resetData();
  });
  const uploads = () => stack.sims.claude.stats.filesUploaded;

  it('When a PNG is uploaded, then 201 with id, filename, mimeType and sizeBytes, and Claude stored it under the beta flag', async () => {
    const answer = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' }, AUTH);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^att_[A-Za-z0-9_-]{24}$/), filename: 'logo.png', mimeType: 'image/png', sizeBytes: PNG_BYTES.length });
    // The simulated Files API refuses any call without the beta flag, as the real one does.
    expect(uploads()).toBe(1);
    expect(stack.sims.claude.files.list()).toEqual([{ id: expect.any(String), filename: 'logo.png', mimeType: 'image/png', sizeBytes: PNG_BYTES.length }]);
  });

  it('When a PDF is uploaded with a generic declared type, then it is stored as application/pdf, by its content', async () => {
    const answer = await uploadFile(stack.baseUrl, { bytes: PDF_BYTES, name: 'case-study.pdf', type: 'application/octet-stream' }, AUTH);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ filename: 'case-study.pdf', mimeType: 'application/pdf', sizeBytes: PDF_BYTES.length });
    expect(stack.sims.claude.files.list()[0]?.mimeType).toBe('application/pdf');
  });

  it('When an executable is renamed .png and declared image/png, then 400 BAD_USER_INPUT and nothing is uploaded', async () => {
    const answer = await uploadFile(stack.baseUrl, { bytes: EXECUTABLE_BYTES, name: 'invoice.png', type: 'image/png' }, AUTH);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message: 'This file type is not allowed. Attach a JPEG, PNG, GIF or WebP image, or a PDF.',
          extensions: { code: 'BAD_USER_INPUT', retryable: false, fields: ['file'], requestId: expect.any(String) },
        },
      ],
    });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When the file is 10 MB and one byte, then 413 BAD_USER_INPUT and nothing is uploaded; at exactly 10 MB it is accepted', async () => {
    const over = await uploadFile(stack.baseUrl, { bytes: pngOfSize(MAX_ATTACHMENT_BYTES + 1), name: 'big.png', type: 'image/png' }, AUTH);
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ errors: [{ message: 'The file is larger than 10 MB; attach a smaller one.', extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(stack.sims.claude.stats.requests).toBe(0);
    const exact = await uploadFile(stack.baseUrl, { bytes: pngOfSize(MAX_ATTACHMENT_BYTES), name: 'big.png', type: 'image/png' }, AUTH);
    expect(exact.status).toBe(201);
    expect(exact.body.sizeBytes).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('When the body declares far more than the limit, then 413 at once and the connection is closed', async () => {
    const res = await fetch(`${stack.baseUrl}/attachments`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
      body: '--x--\r\n',
    }).catch((error: unknown) => error);
    // Either the 413 arrived, or the client saw the server refuse the rest of a body it never sent: never a 201.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
    }
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When no token is sent, then 401 UNAUTHENTICATED and nothing is uploaded', async () => {
    const answer = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When the client prefers application/graphql-response+json, then a refusal comes in that type', async () => {
    const res = await fetch(`${stack.baseUrl}/attachments`, {
      method: 'POST',
      headers: { ...AUTH, accept: 'application/graphql-response+json, application/json;q=0.9' },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([EXECUTABLE_BYTES]), 'tool.png');
        return form;
      })(),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it('When the body is not multipart or has no part named file, then 400 and nothing is uploaded', async () => {
    const json = await fetch(`${stack.baseUrl}/attachments`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    const form = new FormData();
    form.append('upload', new Blob([PNG_BYTES], { type: 'image/png' }), 'logo.png');
    const wrongField = await fetch(`${stack.baseUrl}/attachments`, { method: 'POST', headers: AUTH, body: form });
    expect(wrongField.status).toBe(400);
    expect(await wrongField.json()).toMatchObject({ errors: [{ message: 'Send the file in a multipart/form-data part named "file".' }] });
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When two files are sent in one upload, then 400: one file per upload', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG_BYTES]), 'a.png');
    form.append('file', new Blob([PNG_BYTES]), 'b.png');
    const res = await fetch(`${stack.baseUrl}/attachments`, { method: 'POST', headers: AUTH, body: form });
    expect(res.status).toBe(400);
    expect(stack.sims.claude.stats.requests).toBe(0);
  });

  it('When the file name carries a path and characters Claude refuses, then the stored name is the cleaned last segment', async () => {
    const answer = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'C:\\Users\\me\\re:port?<1>.png', type: 'image/png' }, AUTH);
    expect(answer.status).toBe(201);
    expect(answer.body.filename).toBe('re_port__1_.png');
  });

  it('When Claude answers 529 once, then the upload is sent again from memory and succeeds, with one file stored', async () => {
    stack.sims.claude.script('files', ['overloaded']);
    const answer = await uploadFile(stack.baseUrl, { bytes: PDF_BYTES, name: 'deck.pdf', type: 'application/pdf' }, AUTH);
    expect(answer.status).toBe(201);
    expect(stack.sims.claude.stats.byRoute.files).toBe(2);
    expect(uploads()).toBe(1);
  });

  it('When Claude answers 500, then the upload is not sent again (a first copy may exist) and the caller gets 503', async () => {
    stack.sims.claude.script('files', ['server_error']);
    const answer = await uploadFile(stack.baseUrl, { bytes: PDF_BYTES, name: 'deck.pdf', type: 'application/pdf' }, AUTH);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'UPSTREAM_UNAVAILABLE', retryable: true } }] });
    expect(stack.sims.claude.stats.byRoute.files).toBe(1);
  });

  it('When an upload is answered, then exactly one access line tells its request id, caller, outcome and upstream calls', async () => {
    const res = await fetch(`${stack.baseUrl}/attachments`, {
      method: 'POST',
      headers: { ...AUTH, 'x-request-id': 'upload-req-0001' },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([PNG_BYTES]), 'logo.png');
        return form;
      })(),
    });
    expect(res.status).toBe(201);
    const lines = logs.entries().filter((entry) => entry.requestId === 'upload-req-0001' && entry.component === 'access');
    expect(lines).toEqual([
      expect.objectContaining({ message: 'attachment upload', caller: 'alice', httpStatus: 201, outcome: 'ok', mimeType: 'image/png', upstreamCalls: 1 }),
    ]);
  });
});

describe('POST /attachments without authentication (development)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CORS_ORIGINS: 'http://localhost:5173', RATE_LIMIT_UPLOADS_PER_MINUTE: '2' } });
  });
  afterAll(() => stack.close());

  it('When a cross-site form posts a file (no preflighted header), then 400 and nothing is uploaded; with apollo-require-preflight it is stored', async () => {
    const forged = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' }, { origin: 'https://evil.example' });
    expect(forged.status).toBe(400);
    expect(forged.headers.get('access-control-allow-origin')).toBeNull();
    expect(stack.sims.claude.stats.filesUploaded).toBe(0);
    const app = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' }, { 'apollo-require-preflight': 'true', origin: 'http://localhost:5173' });
    expect(app.status).toBe(201);
    expect(app.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('When the browser preflights an upload from the app origin, then CORS allows the preflight header', async () => {
    const res = await fetch(`${stack.baseUrl}/attachments`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'apollo-require-preflight' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('apollo-require-preflight');
  });

  it('When a caller goes over its upload budget, then 429 RATE_LIMITED with retry-after, before the body is read', async () => {
    const headers = { 'apollo-require-preflight': 'true', 'x-forwarded-for': 'ignored' };
    const file = { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' };
    // The first test spent one of the two uploads of this minute.
    expect((await uploadFile(stack.baseUrl, file, headers)).status).toBe(201);
    const before = stack.sims.claude.stats.filesUploaded;
    const refused = await uploadFile(stack.baseUrl, file, headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: expect.any(Number) } }] });
    expect(stack.sims.claude.stats.filesUploaded).toBe(before);
  });
});
