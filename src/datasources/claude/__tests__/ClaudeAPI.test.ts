import { Writable } from 'node:stream';
import winston from 'winston';
import { loadConfig, type Config } from '../../../config';
import { BffError } from '../../../errors';
import { addLogTransport, configureLogger } from '../../../logging/logger';
import { newRequestStats, runWithRequestContext } from '../../../logging/request-context';
import { FAST_TEST_ENV } from '../../../testing/test-env';
import { countInputTokens } from '../../../simulators/claude/tokens';
import { createClaudeCountTokensUpstream, createClaudeUpstream } from '../../shared/presets';
import { ClaudeAPI, createClaudeShared } from '../ClaudeAPI';
import type { ClaudeCallUsage } from '../../../usage/usage-accounting';
import type { GenerateContentRequest } from '../models';
import { OUTPUT_CONTRACT } from '../prompt';
import { RecordingUpstream } from './recording-upstream';
import { errorBody, messageBody, startStubAnthropic, type StubAnthropic } from './stub-anthropic';

/** The data source over the real upstream runtime, against a scripted Anthropic endpoint and the real SDK. */

const SEVEN_BLOCKS = [
  'Cutting onboarding time at Acme Robotics',
  'Hi Jane,\n\nAcme is hiring fast, which usually means onboarding pain.\n\nWorth a chat?',
  'Hi Jane, enjoyed your post on robot fleets; would love to connect.',
  'Hi Jane,\n\nFloating this back up.',
  'Hi Jane,\n\nA different angle: compliance.',
  'Hi Jane,\n\nAny thoughts?',
  'Hi Jane,\n\nClosing the loop here.',
]
  .map((block) => `---BLOCK---\n${block}`)
  .join('\n');
const SIX_BLOCKS = SEVEN_BLOCKS.slice(0, SEVEN_BLOCKS.lastIndexOf('\n---BLOCK---'));

const REQUEST: GenerateContentRequest = {
  lead: { email: 'jane.doe@acme.example', firstName: 'Jane', lastName: 'Doe', company: 'Acme Robotics', title: 'VP Operations' },
  prompt: 'We sell onboarding software for robotics teams.',
};

let stub: StubAnthropic;
let config: Config;
let upstream: RecordingUpstream;

beforeAll(async () => {
  configureLogger({ level: 'debug', format: 'json', silent: true });
  stub = await startStubAnthropic();
  config = loadConfig({ ...FAST_TEST_ENV, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: stub.url, CLAUDE_MAX_TOKENS: '1024' });
});
afterAll(() => stub.close());

beforeEach(() => {
  stub.requests.length = 0;
  upstream = new RecordingUpstream(createClaudeUpstream(config, { random: () => 0 }));
});
afterEach(() => upstream.close());

function claude(signal?: AbortSignal): ClaudeAPI {
  return new ClaudeAPI(createClaudeShared(config, upstream), signal);
}

async function generateError(api = claude()): Promise<BffError> {
  const error: unknown = await api
    .generate(REQUEST)
    .then(
      () => new Error('generate succeeded'),
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof BffError)) throw error;
  return error;
}

describe('ClaudeAPI.generate', () => {
  it('sends the configured model and max_tokens, the system prompt and one user turn, and no sampling parameters', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    await claude().generate(REQUEST);

    const [sent] = stub.requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/v1/messages' });
    expect(sent?.headers.authorization).toBe('Bearer test-key');
    expect(sent?.headers['x-stainless-retry-count']).toBe('0');
    expect(Object.keys(sent?.body ?? {}).sort()).toEqual(['max_tokens', 'messages', 'model', 'system']);
    expect(sent?.body).toMatchObject({ model: config.claude.defaultModel, max_tokens: 1024 });
    expect(String(sent?.body.system).endsWith(OUTPUT_CONTRACT)).toBe(true);
    const messages = sent?.body.messages as { role: string; content: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.role).toBe('user');
    expect(messages[0]?.content).toContain('<lead_data>');
    expect(messages[0]?.content).toContain('We sell onboarding software');
  });

  it('describes the call to the runtime: route, idempotent retry, an input reservation and max_tokens of output', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    await claude().generate(REQUEST);

    const [call] = upstream.calls;
    expect(call).toMatchObject({ route: 'POST /v1/messages', retry: 'idempotent' });
    expect(call?.cost).toEqual({ requests: 1, input_tokens: expect.any(Number), output_tokens: 1024 });
  });

  it('returns the 7 snippets with the usage, model and stop reason of the answer and the lead fields', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS, { model: 'claude-sonnet-4-6-20260101', inputTokens: 1200, outputTokens: 640 }) });
    const content = await claude().generate(REQUEST);

    expect(content.snippet1).toBe('Cutting onboarding time at Acme Robotics');
    expect(content.snippet2).toBe(
      '<div>Hi Jane,</div><div><br></div><div>Acme is hiring fast, which usually means onboarding pain.</div><div><br></div><div>Worth a chat?</div>',
    );
    expect(content.snippet3).toBe('Hi Jane, enjoyed your post on robot fleets; would love to connect.');
    expect(content.snippet7).toBe('<div>Hi Jane,</div><div><br></div><div>Closing the loop here.</div>');
    expect(content).toMatchObject({
      model: 'claude-sonnet-4-6-20260101',
      usage: { inputTokens: 1200, outputTokens: 640 },
      stopReason: 'end_turn',
      email: 'jane.doe@acme.example',
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme Robotics',
      title: 'VP Operations',
      industry: 'Technology',
      tags: '#AcmeRobotics #VPOperations',
    });
    expect(new Date(content.generatedAt).toISOString()).toBe(content.generatedAt);
  });

  it("keeps the lead's own industry and tags", async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    const content = await claude().generate({ ...REQUEST, lead: { ...REQUEST.lead, industry: 'Logistics', tags: '#VC' } });
    expect(content).toMatchObject({ industry: 'Logistics', tags: '#VC' });
  });

  it('uses the requested model', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    await claude().generate({ ...REQUEST, model: 'claude-haiku-4-5' });
    expect(stub.requests[0]?.body.model).toBe('claude-haiku-4-5');
  });

  it('settles the real usage, hands over the rate-limit headers and request id, and counts tokens for the request log', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS, { inputTokens: 1200, outputTokens: 640 }) });
    const stats = newRequestStats();
    await runWithRequestContext({ requestId: 'r1', stats }, () => claude().generate(REQUEST));

    const [attempt] = upstream.calls[0]?.attempts ?? [];
    expect(attempt?.settled).toEqual([{ requests: 1, input_tokens: 1200, output_tokens: 640 }]);
    expect(attempt?.rateLimitHeaders).toEqual([
      {
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-input-tokens-remaining': '29000',
        'anthropic-ratelimit-output-tokens-remaining': '7000',
      },
    ]);
    expect(attempt?.upstreamRequestIds).toEqual([expect.stringMatching(/^req_stub_/)]);
    expect(stats).toMatchObject({ inputTokens: 1200, outputTokens: 640 });
    const outputBudget = upstream.status().budgets.find((b) => b.dimension === 'output_tokens');
    expect(outputBudget?.upstreamRemaining).toBe(7000);
  });

  it('re-asks once after an unusable answer, in the same conversation, and sums the usage', async () => {
    stub.script(
      { body: messageBody(`${SIX_BLOCKS}\n\n`, { inputTokens: 1000, outputTokens: 500 }) },
      { body: messageBody(SEVEN_BLOCKS, { inputTokens: 1600, outputTokens: 600 }) },
    );
    const content = await claude().generate(REQUEST);

    expect(stub.requests).toHaveLength(2);
    const [first, second] = stub.requests.map((r) => r.body.messages as { role: string; content: string }[]);
    expect(second?.slice(0, 1)).toEqual(first);
    expect(second?.[1]).toEqual({ role: 'assistant', content: SIX_BLOCKS });
    expect(second?.[2]?.role).toBe('user');
    expect(second?.[2]?.content).toContain('it had 6 blocks instead of 7');
    expect(second?.[2]?.content).toContain('---BLOCK---');
    expect(content.usage).toEqual({ inputTokens: 2600, outputTokens: 1100 });
  });

  it('re-asks after an answer cut off at max_tokens', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS, { stopReason: 'max_tokens' }) }, { body: messageBody(SEVEN_BLOCKS) });
    await claude().generate(REQUEST);
    expect(stub.requests).toHaveLength(2);
    expect((stub.requests[1]?.body.messages as unknown[]).length).toBe(3);
  });

  it('asks afresh when the unusable answer is empty (an empty assistant turn is not allowed)', async () => {
    stub.script({ body: messageBody('', { stopReason: 'max_tokens' }) }, { body: messageBody(SEVEN_BLOCKS) });
    await claude().generate(REQUEST);
    expect(stub.requests[1]?.body.messages).toEqual(stub.requests[0]?.body.messages);
  });

  it('gives up with CONTENT_INVALID when the second answer is unusable too', async () => {
    stub.script({ body: messageBody(SIX_BLOCKS) }, { body: messageBody('I would rather chat first.') });
    const error = await generateError();
    expect(error.code).toBe('CONTENT_INVALID');
    expect(error.message).toBe("Claude's answer could not be turned into a 7-step sequence; please try again.");
    expect(error.extensions).toMatchObject({ code: 'CONTENT_INVALID', retryable: true });
    expect(stub.requests).toHaveLength(2);
  });

  it('does not re-ask after a refusal', async () => {
    stub.script({ body: messageBody('', { stopReason: 'refusal' }) });
    expect((await generateError()).code).toBe('CONTENT_INVALID');
    expect(stub.requests).toHaveLength(1);
  });

  it('lets the runtime retry a transient failure: one call, two attempts', async () => {
    const overloaded = { status: 529, headers: { 'retry-after-ms': '5' }, body: errorBody('overloaded_error', 'Overloaded') };
    stub.script(overloaded, { body: messageBody(SEVEN_BLOCKS) });
    await claude().generate(REQUEST);
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]?.attempts).toHaveLength(2);
    expect(stub.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '0']);
  });

  it('fails fast on the spend cap: QUOTA_EXHAUSTED after one attempt', async () => {
    stub.script({
      status: 429,
      body: errorBody('rate_limit_error', 'Spend limit reached.', { details: { error_code: 'enforced_spend_limit_reached' } }),
    });
    expect((await generateError()).code).toBe('QUOTA_EXHAUSTED');
    expect(stub.requests).toHaveLength(1);
  });

  it('When the client goes away while Claude is writing, then the call ends and the connection to Claude is closed', async () => {
    // No timer of ours ends this call before the stub would answer (60 s, beyond the test timeout): only the
    // client's abort can, so a call that ignored it would fail this test by hanging.
    const patient = loadConfig({
      ...FAST_TEST_ENV,
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: stub.url,
      CLAUDE_ATTEMPT_TIMEOUT_MS: '120000',
      DEADLINE_GENERATE_MS: '120000',
    });
    const runtime = createClaudeUpstream(patient, { random: () => 0 });
    stub.script({ delayMs: 60_000, body: messageBody(SEVEN_BLOCKS) });
    const client = new AbortController();
    const pending = generateError(new ClaudeAPI(createClaudeShared(patient, runtime), client.signal));
    await stub.received(1);
    client.abort(new Error('client disconnected'));

    expect((await pending).code).toBe('UPSTREAM_TIMEOUT');
    expect(await stub.requests[0]?.outcome).toBe('abandoned');
    await runtime.close();
  });

  it('gives up at the generate deadline', async () => {
    stub.script({ delayMs: 2_000, body: messageBody(SEVEN_BLOCKS) });
    const shared = createClaudeShared(config, upstream);
    const error = await generateError(new ClaudeAPI({ ...shared, deadlines: { ...shared.deadlines, generateMs: 100 } }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toBe('Claude did not answer in time; try again.');
  });

  it('logs neither the prompt, the copy nor the full email: only lengths, hashes and the masked address', async () => {
    stub.script({ body: messageBody(SIX_BLOCKS) }, { body: messageBody(SEVEN_BLOCKS) });
    const log = await logsOf(() => claude().generate(REQUEST));
    expect(log).toContain('sequence generated');
    expect(log).toContain('unusable answer, asking again');
    expect(log).toContain('j***@acme.example');
    for (const secret of ['jane.doe@acme.example', 'onboarding software', 'Acme Robotics', 'Floating this back up', 'test-key']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toMatch(/"sha256":"[0-9a-f]{12}"/);
  });

  it('logs the prompt and the copy themselves when LOG_CONTENT opted in, still with the email masked', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    const shared = { ...createClaudeShared(config, upstream), logContent: true };
    const log = await logsOf(() => new ClaudeAPI(shared).generate(REQUEST));
    expect(log).toContain('onboarding software');
    expect(log).toContain('Floating this back up');
    expect(log).toMatch(/"sha256":"[0-9a-f]{12}"/);
    expect(log).not.toContain('jane.doe@acme.example');
  });

  it('reports every successful call to usage accounting, the re-ask included, with the model Claude answered as', async () => {
    stub.script(
      { body: messageBody(SIX_BLOCKS, { model: 'claude-sonnet-4-6-20260101', inputTokens: 900, outputTokens: 700 }) },
      { body: messageBody(SEVEN_BLOCKS, { model: 'claude-sonnet-4-6-20260101', inputTokens: 1200, outputTokens: 650 }) },
    );
    const calls: ClaudeCallUsage[] = [];
    await new ClaudeAPI(createClaudeShared(config, upstream, { usage: { recordClaudeCall: (call) => calls.push(call) } })).generate(REQUEST);
    expect(calls).toEqual([
      { model: 'claude-sonnet-4-6-20260101', inputTokens: 900, outputTokens: 700 },
      { model: 'claude-sonnet-4-6-20260101', inputTokens: 1200, outputTokens: 650 },
    ]);
  });

  it('reports a call once, after the attempt that succeeded: the failed attempt before it used no tokens', async () => {
    const overloaded = { status: 529, headers: { 'retry-after-ms': '5' }, body: errorBody('overloaded_error', 'Overloaded') };
    stub.script(overloaded, { body: messageBody(SEVEN_BLOCKS) });
    const calls: ClaudeCallUsage[] = [];
    await new ClaudeAPI(createClaudeShared(config, upstream, { usage: { recordClaudeCall: (call) => calls.push(call) } })).generate(REQUEST);
    expect(calls).toEqual([{ model: 'claude-sonnet-4-6', inputTokens: 900, outputTokens: 700 }]);
  });
});

const CJK: GenerateContentRequest = {
  lead: { email: 'tanaka@example.jp', firstName: '太郎', lastName: '田中', company: '株式会社サンプル物流', title: '物流部長' },
  prompt: '弊社は物流倉庫向けの在庫管理ソフトウェアを提供しています。導入企業では出荷ミスが大幅に減りました。',
};

interface SentBody {
  system: string;
  messages: { content: string }[];
}

const bytesOf = (body: SentBody) => Buffer.byteLength(body.system) + body.messages.reduce((sum, m) => sum + Buffer.byteLength(m.content), 0);

/** What the data source reserves for a prompt's input tokens: it must cover what Claude will bill. */
describe('input-token reservation', () => {
  let counts: RecordingUpstream;
  beforeEach(() => {
    counts = new RecordingUpstream(createClaudeCountTokensUpstream(config, { random: () => 0 }));
  });
  afterEach(() => counts.close());
  const claudeCounting = () => new ClaudeAPI(createClaudeShared(config, upstream, { countTokens: counts }));

  it('When the prompt is plain English, then the local bound is reserved without asking count_tokens: no less than a strict tokenizer counts, at most 1.6 times it', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    await claudeCounting().generate(REQUEST);

    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/messages']);
    const sent = stub.requests[0]!.body as unknown as SentBody;
    // The simulator's tokenizer charges every symbol and newline a token: stricter on this prompt than Claude.
    const strict = countInputTokens([sent.system, ...sent.messages.map((m) => m.content)], sent.messages.length);
    const reserved = upstream.calls[0]!.cost!.input_tokens!;
    expect(reserved).toBeGreaterThanOrEqual(strict);
    expect(reserved).toBeLessThanOrEqual(1.6 * strict);
  });

  it('When the prompt is CJK, then count_tokens is asked with the Messages body minus max_tokens, its count (+5%) is reserved and the billed usage settles it', async () => {
    stub.script({ body: { input_tokens: 4000 } }, { body: messageBody(SEVEN_BLOCKS, { inputTokens: 3900 }) });
    await claudeCounting().generate(CJK);

    const [count, message] = stub.requests;
    expect(count).toMatchObject({ method: 'POST', url: '/v1/messages/count_tokens' });
    expect(Object.keys(count!.body).sort()).toEqual(['messages', 'model', 'system']);
    expect(count!.body).toEqual({ model: message!.body.model, system: message!.body.system, messages: message!.body.messages });
    expect(counts.calls).toMatchObject([{ route: 'POST /v1/messages/count_tokens', cost: { requests: 1 } }]);
    expect(upstream.calls[0]?.cost).toEqual({ requests: 1, input_tokens: 4200, output_tokens: 1024 });
    expect(upstream.calls[0]?.attempts[0]?.settled).toEqual([{ requests: 1, input_tokens: 3900, output_tokens: 700 }]);
  });

  it('When count_tokens fails, then one UTF-8 byte per token is reserved (never a characters guess), it is not retried and the generation goes on', async () => {
    stub.script({ status: 529, body: errorBody('overloaded_error', 'Overloaded') }, { body: messageBody(SEVEN_BLOCKS) });
    const content = await claudeCounting().generate(CJK);

    expect(content.snippet1).toBe('Cutting onboarding time at Acme Robotics');
    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/messages/count_tokens', '/v1/messages']);
    const sent = stub.requests[1]!.body as unknown as SentBody;
    const reserved = upstream.calls[0]!.cost!.input_tokens!;
    expect(reserved).toBeGreaterThanOrEqual(bytesOf(sent));
    expect(reserved).toBeGreaterThan(3 * Math.ceil((sent.system.length + sent.messages[0]!.content.length) / 3.5));
  });

  it('When no count_tokens gate is configured, then an uncertain prompt reserves the byte bound and nothing is counted', async () => {
    stub.script({ body: messageBody(SEVEN_BLOCKS) });
    await new ClaudeAPI(createClaudeShared(config, upstream)).generate(CJK);

    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/messages']);
    expect(upstream.calls[0]!.cost!.input_tokens).toBeGreaterThanOrEqual(bytesOf(stub.requests[0]!.body as unknown as SentBody));
  });

  it('When a re-ask follows an unusable answer, then the longer conversation is counted again', async () => {
    stub.script({ body: { input_tokens: 900 } }, { body: messageBody(SIX_BLOCKS) }, { body: { input_tokens: 1500 } }, { body: messageBody(SEVEN_BLOCKS) });
    await claudeCounting().generate(CJK);

    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/messages/count_tokens', '/v1/messages', '/v1/messages/count_tokens', '/v1/messages']);
    expect(upstream.calls.map((c) => c.cost?.input_tokens)).toEqual([945, 1575]);
  });
});

/** What the logger writes (formatted and redacted) while `run` runs. */
async function logsOf(run: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const remove = addLogTransport(new winston.transports.Stream({ stream: sink }));
  try {
    await run();
  } finally {
    remove();
  }
  return lines.join('\n');
}
