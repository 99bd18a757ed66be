import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { loadConfig } from '../../../config';
import { configureLogger } from '../../../logging/logger';
import { DeadlineExceeded } from '../../shared/deadline';
import { UpstreamFailure } from '../../shared/upstream-failure';
import { createClaudeSdk } from '../claude-client';
import { classifyClaudeError } from '../classify-error';
import { messagesCall } from '../messages-call';
import type { AttemptContext } from '../../shared/upstream';
import { recordingContext, type RecordedAttempt } from './recording-upstream';
import { errorBody, messageBody, startStubAnthropic, type StubAnthropic, type StubReply } from './stub-anthropic';

/** The real SDK against a scripted server: each error is produced exactly as it would be in production. */

const REQUEST = { model: 'claude-sonnet-4-6', max_tokens: 256, system: 'system', messages: [{ role: 'user' as const, content: 'hi' }] };

let stub: StubAnthropic;

beforeAll(async () => {
  configureLogger({ level: 'error', format: 'json', silent: true });
  stub = await startStubAnthropic();
});
afterAll(() => stub.close());

function sdkFor(baseUrl: string) {
  return createClaudeSdk(loadConfig({ NODE_ENV: 'test', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: baseUrl }).claude);
}

/** One attempt as the runtime would start it, minus the runtime: its reports go nowhere but the recorder. */
function bareContext(signal: AbortSignal, timeoutMs: number): AttemptContext {
  const ignore = () => {};
  return {
    attempt: 1,
    signal,
    timeoutMs,
    previousFailures: [],
    settle: ignore,
    observeRateLimitHeaders: ignore,
    noteUpstreamRequestId: ignore,
    commit: ignore,
  };
}

/** Runs one attempt and returns the failure it threw, with what it reported to the runtime. */
async function attemptFailure(
  reply: StubReply | undefined,
  options: { baseUrl?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ failure: UpstreamFailure; recorded: RecordedAttempt }> {
  if (reply) stub.script(reply);
  const recorder = { attempts: [] as RecordedAttempt[] };
  const ctx = recordingContext(bareContext(options.signal ?? new AbortController().signal, options.timeoutMs ?? 2_000), recorder);
  const error: unknown = await messagesCall(sdkFor(options.baseUrl ?? stub.url), REQUEST, 1_000)
    .run(ctx)
    .then(
      () => new Error('the attempt succeeded'),
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof UpstreamFailure)) throw error;
  return { failure: error, recorded: recorder.attempts[0]! };
}

describe('classifyClaudeError, through the real SDK', () => {
  it('429 rate_limit_error → rate_limited with retry-after, request id and rate-limit headers reported', async () => {
    const { failure, recorded } = await attemptFailure({
      status: 429,
      headers: { 'retry-after': '2', 'anthropic-ratelimit-output-tokens-remaining': '0' },
      body: errorBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
    });
    expect(failure).toMatchObject({
      upstream: 'claude',
      failureClass: 'rate_limited',
      status: 429,
      retryAfterMs: 2_000,
      upstreamCode: 'rate_limit_error',
      delivery: 'no',
    });
    expect(failure.transient).toBe(true);
    expect(failure.upstreamRequestId).toMatch(/^req_stub_/);
    expect(recorded.upstreamRequestIds).toEqual([failure.upstreamRequestId]);
    expect(recorded.rateLimitHeaders[0]?.['anthropic-ratelimit-output-tokens-remaining']).toBe('0');
    // An error answer generated nothing: the output reservation goes back at once.
    expect(recorded.settled).toEqual([{ output_tokens: 0 }]);
  });

  it('prefers retry-after-ms when present', async () => {
    const headers = { 'retry-after-ms': '1500', 'retry-after': '2' };
    const { failure } = await attemptFailure({ status: 429, headers, body: errorBody('rate_limit_error', 'slow down') });
    expect(failure.retryAfterMs).toBe(1_500);
  });

  it.each([
    ['inside error.details', errorBody('rate_limit_error', 'Spend limit reached.', { details: { error_code: 'enforced_spend_limit_reached' } })],
    ['at the top level', { ...errorBody('rate_limit_error', 'Spend limit reached.'), details: { error_code: 'enforced_spend_limit_reached' } }],
  ])('the spend-cap 429 (error_code %s) → spend_cap, never retried', async (_where, body) => {
    const { failure } = await attemptFailure({ status: 429, body });
    expect(failure).toMatchObject({ failureClass: 'spend_cap', upstreamCode: 'enforced_spend_limit_reached' });
    expect(failure.transient).toBe(false);
  });

  it('a 429 without retry-after or error code that names the spend limit → spend_cap', async () => {
    const body = errorBody('rate_limit_error', 'Your organization has reached its monthly spend limit.');
    const { failure } = await attemptFailure({ status: 429, body });
    expect(failure.failureClass).toBe('spend_cap');
  });

  it('a plain 429 without retry-after stays a rate limit', async () => {
    const { failure } = await attemptFailure({ status: 429, body: errorBody('rate_limit_error', 'Too many requests') });
    expect(failure).toMatchObject({ failureClass: 'rate_limited', retryAfterMs: undefined });
  });

  it('529 overloaded_error → overloaded, honouring retry-after', async () => {
    const body = errorBody('overloaded_error', 'Overloaded');
    const { failure } = await attemptFailure({ status: 529, headers: { 'retry-after': '1' }, body });
    expect(failure).toMatchObject({ failureClass: 'overloaded', retryAfterMs: 1_000, delivery: 'no' });
    expect(failure.unhealthy).toBe(true);
  });

  it('500 api_error → server_error (transient; the work may have started)', async () => {
    const { failure } = await attemptFailure({ status: 500, body: errorBody('api_error', 'Internal server error') });
    expect(failure).toMatchObject({ failureClass: 'server_error', status: 500, delivery: 'maybe' });
    expect(failure.transient).toBe(true);
  });

  it('a 5xx with x-should-retry: false → bad_request: this request would fail again', async () => {
    const { failure } = await attemptFailure({ status: 503, headers: { 'x-should-retry': 'false' }, body: errorBody('api_error', 'nope') });
    expect(failure).toMatchObject({ failureClass: 'bad_request', status: 503 });
    expect(failure.transient).toBe(false);
  });

  it.each([
    [401, 'authentication_error', 'auth'],
    [402, 'billing_error', 'spend_cap'],
    [403, 'permission_error', 'forbidden'],
    [404, 'not_found_error', 'not_found'],
    [400, 'invalid_request_error', 'bad_request'],
    [422, 'invalid_request_error', 'bad_request'],
    [408, 'timeout_error', 'timeout'],
    [409, 'conflict_error', 'server_error'],
  ])('%i %s → %s', async (status, type, failureClass) => {
    const { failure } = await attemptFailure({ status, body: errorBody(type, 'message') });
    expect(failure).toMatchObject({ failureClass, status, upstreamCode: type });
  });

  it("413 with Cloudflare's HTML page → bad_request", async () => {
    const { failure } = await attemptFailure({ status: 413, body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>' });
    expect(failure).toMatchObject({ failureClass: 'bad_request', status: 413 });
  });

  it('connection reset before an answer → network, maybe delivered', async () => {
    const { failure } = await attemptFailure({ reset: true });
    expect(failure).toMatchObject({ failureClass: 'network', delivery: 'maybe' });
  });

  it('connection reset in the middle of the body → network, maybe delivered', async () => {
    const { failure } = await attemptFailure({ reset: true, body: messageBody('x'.repeat(2_000)) });
    expect(failure).toMatchObject({ failureClass: 'network', delivery: 'maybe' });
  });

  it('connection refused → network, not delivered', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { failure } = await attemptFailure(undefined, { baseUrl: `http://127.0.0.1:${port}` });
    expect(failure).toMatchObject({ failureClass: 'network', delivery: 'no', upstreamCode: 'ECONNREFUSED' });
  });

  it('no answer within the attempt timeout → timeout', async () => {
    const { failure } = await attemptFailure({ delayMs: 1_000, body: messageBody('late') }, { timeoutMs: 100 });
    expect(failure).toMatchObject({ failureClass: 'timeout', delivery: 'maybe' });
  });

  it('an abort by the deadline → timeout; by the client going away → aborted', async () => {
    const late = { delayMs: 1_000, body: messageBody('late') };
    const byDeadline = new AbortController();
    setTimeout(() => byDeadline.abort(new DeadlineExceeded(50)), 50);
    expect((await attemptFailure(late, { signal: byDeadline.signal })).failure.failureClass).toBe('timeout');

    const byClient = new AbortController();
    setTimeout(() => byClient.abort(new Error('client disconnected')), 50);
    expect((await attemptFailure(late, { signal: byClient.signal })).failure.failureClass).toBe('aborted');
  });

  it('a 200 with an HTML page or truncated JSON → invalid_response', async () => {
    const html = await attemptFailure({ body: '<html>maintenance</html>' });
    expect(html.failure).toMatchObject({ failureClass: 'invalid_response', delivery: 'yes' });
    const truncated = await attemptFailure({ body: '{"id":"msg_1","content":[', headers: { 'content-type': 'application/json' } });
    expect(truncated.failure.failureClass).toBe('invalid_response');
  });
});

describe('classifyClaudeError, errors the SDK builds without a response', () => {
  it('an SSE error event (no status) is classified by its error type', () => {
    const event = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const failure = classifyClaudeError(new APIError(undefined, event, undefined, new Headers(), 'overloaded_error'));
    expect(failure).toMatchObject({ failureClass: 'overloaded', status: undefined, delivery: 'maybe' });
  });

  it('a user abort whose signal timed out → timeout', () => {
    const signal = AbortSignal.abort(new DOMException('attempt timed out', 'TimeoutError'));
    expect(classifyClaudeError(new APIUserAbortError(), signal).failureClass).toBe('timeout');
  });

  it('passes an UpstreamFailure through unchanged', () => {
    const failure = new UpstreamFailure('claude', 'invalid_response', 'x', { delivery: 'yes' });
    expect(classifyClaudeError(failure)).toBe(failure);
  });
});
