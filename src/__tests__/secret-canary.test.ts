import { AddProspectsToCampaignDocument, CampaignsDocument, GenerateContentDocument } from '../generated/operations/graphql';
import { configureLogger, logger } from '../logging/logger';
import { PDF_BYTES, PNG_BYTES, uploadFile } from '../testing/attachment-fixtures';
import { captureLogs, type LogCapture } from '../testing/log-capture';
import { startTestStack, type TestStack } from '../testing/stack';

const CLAUDE_KEY = 'fake-anthropic-canary-7f3a9c1e5b';
const WOODPECKER_KEY = 'wp-canary-woodpecker-2d8e4b6f1a';
const CALLER_TOKEN = 'tok-canary-caller-9b1c3e5a7d0f';
const CANARIES = [CLAUDE_KEY, WOODPECKER_KEY, CALLER_TOKEN];
const PROSPECT_EMAIL = 'very.private.person@secret-corp.example';

/**
 * Unique fake keys and a caller token go in; every response body and header, and every log line at the
 * most verbose level, across success and error paths, is searched for them. None may appear.
 */
describe('secret canary', () => {
  let stack: TestStack;
  let logs: LogCapture;
  const seen: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      env: { AUTH_MODE: 'token', AUTH_TOKENS: `web:${CALLER_TOKEN}`, CIRCUIT_MIN_CALLS: '1000', UPSTREAM_MAX_ATTEMPTS: '2' },
      simulators: { claude: { apiKey: CLAUDE_KEY }, woodpecker: { apiKey: WOODPECKER_KEY } },
    });
    configureLogger({ level: 'silly', format: 'json', silent: true });
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.stop();
    await stack.close();
  });

  async function http(body: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLER_TOKEN}`, ...headers },
      body,
    });
    seen.push(JSON.stringify([...res.headers.entries()]), await res.text());
    return res;
  }
  const gql = (query: string, variables?: Record<string, unknown>) => http(JSON.stringify({ query, variables }));
  const generate = `mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 snippet2 usage { inputTokens } } }`;
  const lead = { email: PROSPECT_EMAIL, firstName: 'Very', company: 'Secret Corp' };
  /** An upload through POST /attachments, its answer recorded like every other response. */
  async function upload(bytes: Buffer, name: string) {
    const answer = await uploadFile(stack.baseUrl, { bytes, name, type: 'image/png' }, { authorization: `Bearer ${CALLER_TOKEN}` });
    seen.push(JSON.stringify([...answer.headers.entries()]), JSON.stringify(answer.body));
    return answer;
  }

  it('When every kind of request and failure has happened, then no key, token or prospect email leaked', async () => {
    await gql('{ campaigns(forceRefresh: true) { id name } upstreams { name budgets { remaining } } }');
    await gql(generate, { input: { lead, prompt: 'Be brief.' } });
    await gql(`mutation { addProspectsToCampaign(input: { campaignId: "1", prospects: [{ email: "${PROSPECT_EMAIL}" }] }) { total errors { email code } } }`);

    // Attachments: uploads (one refused by type, one failing at Claude), a generation with files, a delete.
    const image = await upload(PNG_BYTES, 'logo.png');
    const pdf = await upload(PDF_BYTES, 'deck.pdf');
    await upload(Buffer.from('#!/bin/sh\necho hi'), 'script.png');
    stack.sims.claude.script('files', ['server_error']);
    await upload(PNG_BYTES, 'again.png');
    await gql(generate, { input: { lead, attachmentIds: [image.body.id, pdf.body.id] } });
    await gql('mutation($id: ID!) { deleteAttachment(id: $id) }', { id: image.body.id });
    expect(stack.sims.claude.stats).toMatchObject({ filesUploaded: 2, filesDeleted: 1 });

    stack.sims.claude.configure({ spendCapReached: true });
    await gql(generate, { input: { lead } });
    stack.sims.claude.configure({ spendCapReached: false });
    stack.sims.claude.script('messages', ['server_error', 'html']);
    await gql(generate, { input: { lead } });
    // Without the cached copy: a forceRefresh right after a load would share that load instead of reading.
    await stack.deps.woodpecker.campaignCache.invalidate();
    stack.sims.woodpecker.script('campaign_list', ['html', 'malformed']);
    await gql('{ campaigns(forceRefresh: true) { id } }');

    // The upstreams reject our keys (rotated elsewhere): the errors must not echo what we sent.
    stack.sims.claude.configure({ apiKey: 'rotated-claude-key' });
    stack.sims.woodpecker.configure({ apiKey: 'rotated-woodpecker-key' });
    await gql(generate, { input: { lead } });
    await upload(PNG_BYTES, 'rotated.png');
    await gql('mutation($id: ID!) { deleteAttachment(id: $id) }', { id: pdf.body.id });
    await stack.deps.woodpecker.campaignCache.invalidate();
    await gql('{ campaigns(forceRefresh: true) { id } }');
    stack.sims.claude.configure({ apiKey: CLAUDE_KEY });
    stack.sims.woodpecker.configure({ apiKey: WOODPECKER_KEY });

    await http('{"broken json', {});
    await gql('{ campaigns { nope } }');
    await http(JSON.stringify({ query: '{ campaigns { id } }' }), { authorization: `Bearer ${CALLER_TOKEN}x` });
    await http(JSON.stringify({ query: '{ campaigns { id } }' }), { authorization: `Bearer ${CLAUDE_KEY}` });

    const direct = await stack.execute(GenerateContentDocument, { input: { lead } });
    const exported = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: '1', prospects: [{ email: 'not valid' }] } });
    const campaigns = await stack.execute(CampaignsDocument, {});
    seen.push(JSON.stringify([direct, exported, campaigns]));

    const output = [...seen, ...logs.lines].join('\n');
    expect(logs.lines.length).toBeGreaterThan(20);
    for (const canary of CANARIES) expect(output).not.toContain(canary);
    expect(logs.lines.join('\n')).not.toContain(PROSPECT_EMAIL);
    expect(logs.lines.join('\n')).toContain('v***@secret-corp.example');
  });
});

describe('secrets of our own callers and scrapers', () => {
  const TOKENS = ['tok-canary-first-4c2e8a6b0d1f', 'tok-canary-second-7e5c3a1f9b2d'];
  const JWT_SECRET = 'jwt-canary-secret-3f6b9d2c8e1a5f7b0c4d';
  const METRICS_TOKEN = 'metrics-canary-5a8c1e3f7b9d2';

  it.each([
    ['every token of AUTH_TOKENS and METRICS_TOKEN', { AUTH_MODE: 'token', AUTH_TOKENS: `web:${TOKENS[0]},ops:${TOKENS[1]}`, METRICS_TOKEN }, [...TOKENS, METRICS_TOKEN]],
    ['AUTH_JWT_SECRET', { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: JWT_SECRET }, [JWT_SECRET]],
  ])('When a log line would contain %s, then it shows [REDACTED] instead', async (_name, env, secrets) => {
    const stack = await startTestStack({ env });
    try {
      configureLogger({ level: 'info', format: 'json', silent: true });
      const logs = captureLogs();
      logger.warn(`the header was ${secrets.join(' and ')}`, { detail: { echoed: secrets } });
      logs.stop();
      const [line] = logs.lines;
      for (const secret of secrets) expect(line).not.toContain(secret);
      expect(line).toContain(`the header was ${secrets.map(() => '[REDACTED]').join(' and ')}`);
    } finally {
      await stack.close();
    }
  });
});
