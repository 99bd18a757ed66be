import { loadConfig, type Config } from '../../../config';
import { configureLogger } from '../../../logging/logger';
import { FAST_TEST_ENV } from '../../../testing/test-env';
import { Deadline } from '../../shared/deadline';
import { createClaudeUpstream } from '../../shared/presets';
import { createClaudeSdk } from '../claude-client';
import type { ClaudeReply, MessageRequest } from '../messages-call';
import { streamingMessagesCall, type BilledAttempt } from '../streaming-call';
import { textTokensAtMost } from '../token-estimate';
import { RecordingUpstream } from './recording-upstream';
import { startStubAnthropic, type StubAnthropic } from './stub-anthropic';

/** Anthropic's SSE framing: `event: <type>` and `data: <json>` per event. */
function sse(...events: Record<string, unknown>[]): string {
  return events.map((data) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

const START = { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6-20260101', content: [], stop_reason: null, usage: { input_tokens: 120, output_tokens: 1 } } };
const delta = (text: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
const usageDelta = (outputTokens: number, stopReason: string | null = null) => ({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } });
const STOP = { type: 'message_stop' };
const SSE_HEADERS = { 'content-type': 'text/event-stream' };

const REQUEST: MessageRequest = { model: 'claude-sonnet-4-6', max_tokens: 1024, system: 'Write.', messages: [{ role: 'user', content: 'Hi' }] };

describe('streamingMessagesCall', () => {
  let stub: StubAnthropic;
  let config: Config;
  beforeAll(async () => {
    configureLogger({ level: 'debug', format: 'json', silent: true });
    stub = await startStubAnthropic();
    config = loadConfig({ ...FAST_TEST_ENV, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: stub.url, UPSTREAM_MAX_ATTEMPTS: '1' });
  });
  afterAll(() => stub.close());

  async function stream(body: string) {
    stub.script({ headers: SSE_HEADERS, body });
    const upstream = new RecordingUpstream(createClaudeUpstream(config));
    const texts: string[] = [];
    const billed: BilledAttempt[] = [];
    const deadline = Deadline.after(5_000);
    const call = streamingMessagesCall(createClaudeSdk(config.claude), REQUEST, 200, {
      onStart: () => {},
      onText: (text) => texts.push(text),
      onBilled: (attempt) => billed.push(attempt),
    });
    const outcome: { reply?: ClaudeReply; error?: unknown } = await upstream.execute(call, deadline).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    deadline.dispose();
    await upstream.close();
    return { ...outcome, texts, billed, settled: upstream.calls[0]!.attempts[0]!.settled };
  }

  it('When message_delta reports usage twice, then the later count replaces the earlier (cumulative), never adds to it', async () => {
    const result = await stream(sse(START, { type: 'ping' }, delta('Hello'), usageDelta(10), delta(' there'), usageDelta(25, 'end_turn'), STOP));

    expect(result.reply).toEqual({ text: 'Hello there', stopReason: 'end_turn', model: 'claude-sonnet-4-6-20260101', usage: { inputTokens: 120, outputTokens: 25 } });
    expect(result.settled).toEqual([{ requests: 1, input_tokens: 120, output_tokens: 25 }]);
    expect(result.billed).toEqual([{ model: 'claude-sonnet-4-6-20260101', inputTokens: 120, outputTokens: 25, complete: true }]);
    expect(result.texts).toEqual(['Hello', ' there']);
  });

  it('When an error event arrives after text, then the attempt fails as overloaded and settles the input and a bound on the text so far', async () => {
    const text = 'A subject line that Claude already wrote';
    const error = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const result = await stream(sse(START, delta(text), error));

    expect(result.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const output = Math.max(1, textTokensAtMost(text));
    expect(result.settled).toEqual([{ requests: 1, input_tokens: 120, output_tokens: output }]);
    expect(result.billed).toEqual([{ model: 'claude-sonnet-4-6-20260101', inputTokens: 120, outputTokens: output, complete: false }]);
  });

  it('When the stream ends without message_stop, then it is a failure (invalid response), not an answer', async () => {
    const result = await stream(sse(START, delta('Half an answer'), usageDelta(4)));

    expect(result.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(result.reply).toBeUndefined();
    expect(result.billed[0]).toMatchObject({ inputTokens: 120, complete: false });
  });

  it('When Claude refuses before message_start (HTTP 529), then nothing is billed and the output reservation goes back', async () => {
    stub.script({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const upstream = new RecordingUpstream(createClaudeUpstream(config));
    const billed: BilledAttempt[] = [];
    const deadline = Deadline.after(5_000);
    const call = streamingMessagesCall(createClaudeSdk(config.claude), REQUEST, 200, { onStart: () => {}, onText: () => {}, onBilled: (b) => billed.push(b) });
    await expect(upstream.execute(call, deadline)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    deadline.dispose();
    await upstream.close();

    expect(billed).toEqual([]);
    expect(upstream.calls[0]!.attempts[0]!.settled).toEqual([{ output_tokens: 0 }]);
  });
});
