import Anthropic from '@anthropic-ai/sdk';
import { type ClaudeSimulator, startClaudeSimulator } from '../index';
import { countInputTokens, countTokens } from '../claude/tokens';
import { LEAD_PROMPT } from './helpers';

const params = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: LEAD_PROMPT }],
};

describe('Claude simulator with the real @anthropic-ai/sdk', () => {
  let sim: ClaudeSimulator;
  let client: Anthropic;

  beforeAll(async () => {
    sim = await startClaudeSimulator({ requestsPerMinute: 10_000, inputTokensPerMinute: 10_000_000, outputTokensPerMinute: 10_000_000 });
    client = new Anthropic({ apiKey: sim.apiKey, baseURL: sim.url, maxRetries: 0 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({ spendCapReached: false, shouldRetryHeader: 'omit', sendRetryAfterMs: false, requestsPerMinute: 10_000 });
    sim.resetStats();
    sim.resetData();
  });

  it('When the SDK creates a message, then it gets a personalised 7-block sequence with usage', async () => {
    const message = await client.messages.create(params);

    const block = message.content[0];
    expect(block?.type).toBe('text');
    const text = block?.type === 'text' ? block.text : '';
    const blocks = text.split('---BLOCK---').slice(1).map((b) => b.trim());
    expect(blocks).toHaveLength(7);
    expect(blocks[0]!.length).toBeGreaterThanOrEqual(36);
    expect(blocks[0]!.length).toBeLessThanOrEqual(50);
    expect(blocks[1]).toContain('Hi Anna,');
    expect(blocks[1]).toContain('Northwind Analytics');
    expect(blocks[2]).not.toContain('\n');
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', stop_reason: 'end_turn' });
    expect(message.id).toMatch(/^msg_sim_/);
    expect(message.usage.input_tokens).toBe(countInputTokens([LEAD_PROMPT], 1));
    expect(message.usage.output_tokens).toBe(countTokens(text));
    expect(sim.stats.authHeaderKinds.bearer).toBe(1);
    expect(sim.stats.retryCounts).toEqual({ '0': 1 });
  });

  it('When the SDK streams the same prompt, then finalMessage() equals the JSON answer', async () => {
    const json = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();

    const textOf = (message: Anthropic.Message) => message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(textOf(streamed)).toBe(textOf(json));
    expect(streamed.stop_reason).toBe('end_turn');
    expect(streamed.usage.output_tokens).toBe(json.usage.output_tokens);
    expect(streamed.usage.input_tokens).toBe(json.usage.input_tokens);
  });

  it('When the key is wrong, then the SDK raises AuthenticationError (401)', async () => {
    const wrong = new Anthropic({ apiKey: 'not-the-key', baseURL: sim.url, maxRetries: 0 });

    await expect(wrong.messages.create(params)).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error' } },
    });
  });

  it('When 529 is scripted once, then the first call fails with OverloadedError and the next succeeds', async () => {
    sim.script('messages', ['overloaded']);

    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(client.messages.create(params)).resolves.toMatchObject({ stop_reason: 'end_turn' });
    expect(sim.stats.faultsInjected).toEqual({ overloaded: 1 });
    expect(sim.stats.responsesByStatus).toEqual({ '529': 1, '200': 1 });
  });

  it('When the SDK retries through 529, 529, ok, then the simulator sees retry counts 0, 1 and 2', async () => {
    sim.configure({ sendRetryAfterMs: true, faultRetryAfterMs: 5 });
    sim.script('messages', ['overloaded', 'overloaded', 'ok']);
    const retrying = new Anthropic({ apiKey: sim.apiKey, baseURL: sim.url, maxRetries: 2 });

    await expect(retrying.messages.create(params)).resolves.toMatchObject({ type: 'message' });
    expect(sim.stats.retryCounts).toEqual({ '0': 1, '1': 1, '2': 1 });
  });

  it('When x-should-retry is false on a 500, then the SDK does not retry it', async () => {
    sim.configure({ shouldRetryHeader: 'false' });
    sim.script('messages', ['server_error', 'ok']);
    const retrying = new Anthropic({ apiKey: sim.apiKey, baseURL: sim.url, maxRetries: 2 });

    await expect(retrying.messages.create(params)).rejects.toMatchObject({ status: 500 });
    expect(sim.stats.requests).toBe(1);
  });

  it('When the spend cap is reached, then the 429 has no retry-after and names enforced_spend_limit_reached', async () => {
    sim.configure({ spendCapReached: true });

    const error = await client.messages.create(params).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const apiError = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(apiError.headers?.get('retry-after')).toBeNull();
    expect(apiError.error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } },
    });
    expect(sim.stats.quotaViolations).toBe(0);
    expect(sim.stats.spendCapRejections).toBe(1);
  });

  it('When two messages are created, then anthropic-ratelimit-requests-remaining decreases', async () => {
    sim.configure({ requestsPerMinute: 50 });
    const first = await client.messages.create(params).withResponse();
    const second = await client.messages.create(params).withResponse();

    const remaining = (r: Response) => Number(r.headers.get('anthropic-ratelimit-requests-remaining'));
    expect(remaining(second.response)).toBeLessThan(remaining(first.response));
    expect(first.response.headers.get('anthropic-ratelimit-output-tokens-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(first.response.headers.get('request-id')).toMatch(/^req_sim_\d+$/);
    expect(first.request_id).toBe(first.response.headers.get('request-id'));
  });

  it('When a stream breaks with an error event, then the SDK raises the overloaded_error after partial text', async () => {
    sim.script('messages', ['stream_error']);
    let partial = '';

    const stream = client.messages.stream(params).on('text', (delta) => (partial += delta));

    await expect(stream.finalMessage()).rejects.toMatchObject({ type: 'overloaded_error' });
    expect(partial.length).toBeGreaterThan(0);
  });

  it('When a stream ends without message_stop, then finalMessage() rejects', async () => {
    sim.script('messages', ['truncated_stream']);

    await expect(client.messages.stream(params).finalMessage()).rejects.toThrow();
  });

  it('When the SDK counts tokens and lists models, then both answer in the documented shapes', async () => {
    const counted = await client.messages.countTokens({ model: params.model, messages: params.messages });
    const models = await client.models.list();

    expect(counted.input_tokens).toBe(countInputTokens([LEAD_PROMPT], 1));
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-sonnet-5', 'claude-opus-4-6']));
    expect(models.data.find((m) => m.id === 'claude-sonnet-4-6')).toMatchObject({ type: 'model', display_name: 'Claude Sonnet 4.6' });
  });
});
