import { type ClaudeSimulator, startClaudeSimulator } from '../index';
import { countTokens } from '../claude/tokens';
import { LEAD_PROMPT, messageBody, postClaude, sleep } from './helpers';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((chunk) => {
      const [eventLine, dataLine] = chunk.split('\n');
      return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> };
    });
}

function textOf(body: { content: Array<{ text: string }> }): string {
  return body.content.map((block) => block.text).join('');
}

describe('Claude simulator wire format', () => {
  let sim: ClaudeSimulator;

  beforeAll(async () => {
    sim = await startClaudeSimulator({ requestsPerMinute: 10_000, inputTokensPerMinute: 10_000_000, outputTokensPerMinute: 10_000_000 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({ outputFormat: 'blocks', stopReason: 'end_turn', sseQuirk: 'none', sseEventDelayMs: 0, hang: false, slowMs: 30_000 });
    sim.resetStats();
  });

  describe('validation and errors', () => {
    it('When anthropic-version is missing, then it is a 400 with the exact error body and the request id', async () => {
      const response = await postClaude(sim, messageBody(), { headers: { 'anthropic-version': '' } });

      expect(response.status).toBe(400);
      const requestId = response.headers.get('request-id');
      expect(await response.json()).toEqual({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
        request_id: requestId,
      });
      expect(response.headers.get('anthropic-ratelimit-requests-limit')).toBe('10000');
    });

    it.each([
      ['no max_tokens', { max_tokens: undefined }, 400, 'max_tokens: Field required'],
      ['max_tokens 0', { max_tokens: 0 }, 400, 'max_tokens: Input should be greater than or equal to 1'],
      ['a fractional max_tokens', { max_tokens: 1.5 }, 400, 'max_tokens: Input should be a valid integer'],
      ['no messages', { messages: [] }, 400, 'messages: at least one message is required'],
      ['a system-role message', { messages: [{ role: 'system', content: 'x' }] }, 400, "messages.0.role: Input should be 'user' or 'assistant'"],
      ['an unknown model', { model: 'claude-nonexistent' }, 404, 'model: claude-nonexistent'],
    ])('When the body has %s, then it is a %i saying so', async (_case, overrides, status, message) => {
      const response = await postClaude(sim, messageBody(overrides));

      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { message } });
    });

    it('When the body is not JSON, then it is a 400 invalid_request_error', async () => {
      const response = await postClaude(sim, '{"model":');

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    });

    it('When the key comes in x-api-key, then it is accepted and counted as such', async () => {
      const response = await postClaude(sim, messageBody());

      expect(response.status).toBe(200);
      expect(sim.stats.authHeaderKinds).toEqual({ 'x-api-key': 1, bearer: 0 });
    });

    it('When the body is larger than maxBodyBytes, then the edge answers 413 in HTML', async () => {
      sim.configure({ maxBodyBytes: 1000 });
      const response = await postClaude(sim, messageBody({ messages: [{ role: 'user', content: 'x'.repeat(2000) }] }));
      sim.configure({ maxBodyBytes: 32 * 1024 * 1024 });

      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('text/html');
    });
  });

  describe('generated copy', () => {
    it('When count_tokens gets the same prompt, then it reports the input tokens a message would use', async () => {
      const counted = await postClaude(sim, { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: LEAD_PROMPT }] }, { path: '/v1/messages/count_tokens' });
      const message = await postClaude(sim, messageBody({ model: 'claude-haiku-4-5' }));

      const { input_tokens: inputTokens } = (await counted.json()) as { input_tokens: number };
      expect(inputTokens).toBe(((await message.json()) as { usage: { input_tokens: number } }).usage.input_tokens);
    });

    it('When the output format is json, then the text is an object with snippet1..snippet7', async () => {
      sim.configure({ outputFormat: 'json' });

      const body = (await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }> };

      expect(Object.keys(JSON.parse(textOf(body)) as object)).toEqual(['snippet1', 'snippet2', 'snippet3', 'snippet4', 'snippet5', 'snippet6', 'snippet7']);
    });

    it.each([
      ['six_blocks', (text: string) => expect(text.split('---BLOCK---')).toHaveLength(7)],
      ['blocks_with_prose', (text: string) => expect(text).toMatch(/^Here is .*\n\n---BLOCK---[\s\S]*---BLOCK---[\s\S]*\n\nLet me know/)],
    ] as const)('When the output format is %s, then the text has that shape', async (outputFormat, check) => {
      sim.configure({ outputFormat });

      check(textOf((await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }> }));
    });

    it('When the output format is empty, then there is no content block and no output', async () => {
      sim.configure({ outputFormat: 'empty' });

      const body = (await (await postClaude(sim, messageBody())).json()) as Record<string, unknown>;

      expect(body).toMatchObject({ content: [], stop_reason: 'end_turn', usage: { output_tokens: 0 } });
    });

    it('When max_tokens is smaller than the copy, then the text is cut and stop_reason is max_tokens', async () => {
      const body = (await (await postClaude(sim, messageBody({ max_tokens: 50 }))).json()) as {
        content: Array<{ text: string }>;
        stop_reason: string;
        usage: { output_tokens: number };
      };

      const full = (await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }> };
      expect(body.stop_reason).toBe('max_tokens');
      expect(body.usage.output_tokens).toBe(50);
      expect(countTokens(textOf(body))).toBe(50);
      expect(textOf(full).startsWith(textOf(body))).toBe(true);
      expect(textOf(full).length).toBeGreaterThan(textOf(body).length);
    });

    it('When a stop sequence occurs in the copy, then the text stops before it', async () => {
      const body = (await (await postClaude(sim, messageBody({ stop_sequences: ['Hi Anna,'] }))).json()) as Record<string, unknown>;

      expect(body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'Hi Anna,' });
      expect(textOf(body as { content: Array<{ text: string }> })).not.toContain('Hi Anna,');
    });

    it.each(['refusal', 'max_tokens'] as const)('When stopReason is forced to %s, then the copy is cut short', async (stopReason) => {
      const full = textOf((await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }> });
      sim.configure({ stopReason });

      const body = (await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }>; stop_reason: string };

      expect(body.stop_reason).toBe(stopReason);
      expect(textOf(body).length).toBeLessThan(full.length);
    });
  });

  describe('streaming', () => {
    it('When stream is true, then the events follow the documented order and add up to the JSON answer', async () => {
      const json = (await (await postClaude(sim, messageBody())).json()) as { content: Array<{ text: string }>; usage: { output_tokens: number } };
      const response = await postClaude(sim, messageBody({ stream: true }));

      expect(response.headers.get('content-type')).toContain('text/event-stream');
      expect(response.headers.get('anthropic-ratelimit-tokens-limit')).toBeTruthy();
      const events = parseSse(await response.text());
      const names = events.map((e) => e.event);
      expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
      expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
      expect(new Set(names.slice(3, -3))).toEqual(new Set(['content_block_delta']));
      for (const e of events) expect(e.data.type).toBe(e.event);
      const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => (e.data.delta as { text: string }).text);
      expect(deltas.join('')).toBe(textOf(json));
      expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: json.usage.output_tokens } });
      expect(events[0]!.data).toMatchObject({ message: { content: [], stop_reason: null, usage: { output_tokens: 1 } } });
    });

    it('When the unknown_event quirk is on, then an event type clients must ignore appears', async () => {
      sim.configure({ sseQuirk: 'unknown_event' });

      const events = parseSse(await (await postClaude(sim, messageBody({ stream: true }))).text());

      expect(events.map((e) => e.event)).toContain('message_annotation');
    });

    it('When malformed is scripted on a stream, then a data line stops mid-JSON after some text', async () => {
      sim.script('messages', ['malformed']);

      const text = await (await postClaude(sim, messageBody({ stream: true }))).text();

      expect(text).toContain('content_block_delta');
      expect(text.trimEnd().endsWith('"text_del')).toBe(true);
      expect(text).not.toContain('message_stop');
    });

    it('When reset is scripted on a stream, then the connection dies after some events', async () => {
      sim.script('messages', ['reset']);

      const response = await postClaude(sim, messageBody({ stream: true }));

      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
    });

    it('When the client disconnects mid-stream, then the simulator stops writing and closes the request', async () => {
      sim.configure({ sseEventDelayMs: 20 });
      const controller = new AbortController();
      const response = await postClaude(sim, messageBody({ stream: true }), { signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();

      controller.abort();
      await sleep(100);

      expect(sim.stats.inFlight).toBe(0);
    });
  });

  describe('faults', () => {
    it('When html is scripted, then a Cloudflare-like 502 page comes back instead of JSON', async () => {
      sim.script('messages', ['html']);

      const response = await postClaude(sim, messageBody());

      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<html>');
    });

    it('When malformed is scripted, then a 200 carries JSON cut in half', async () => {
      sim.script('messages', ['malformed']);

      const response = await postClaude(sim, messageBody());

      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow();
    });

    it('When reset is scripted, then the connection dies mid-body', async () => {
      sim.script('messages', ['reset']);

      await expect(postClaude(sim, messageBody()).then((r) => r.text())).rejects.toThrow();
      expect(sim.stats.faultsInjected).toEqual({ reset: 1 });
    });

    it('When unavailable is scripted on count_tokens, then that route answers 503', async () => {
      sim.script('count_tokens', ['unavailable']);

      const response = await postClaude(sim, { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'x' }] }, { path: '/v1/messages/count_tokens' });

      expect(response.status).toBe(503);
    });

    it('When slow is scripted, then nothing is answered before slowMs: an impatient client gets nothing, a patient one a 200', async () => {
      sim.script('messages', ['slow']);
      // slowMs is 30 s here: an answer before the client's 100 ms would mean the fault did not hold it.
      await expect(postClaude(sim, messageBody(), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
      expect(sim.stats.faultsInjected).toEqual({ slow: 1 });

      sim.configure({ slowMs: 20 });
      sim.script('messages', ['slow']);
      expect((await postClaude(sim, messageBody())).status).toBe(200);
      expect(sim.stats.faultsInjected).toEqual({ slow: 2 });
    });

    it('When hang is on, then nothing comes back until the client gives up', async () => {
      sim.configure({ hang: true });

      await expect(postClaude(sim, messageBody(), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
      await sleep(20);
      expect(sim.stats.inFlight).toBe(0);
    });
  });
});
