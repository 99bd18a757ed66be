import { GenerateContentDocument } from '../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../testing/stack';
import { until } from '../../testing/until';
import { leadInput, openStream, STREAM_QUERY, streamedText, streamToEnd, type StreamEvent } from './stream-client';

const typenames = (events: readonly StreamEvent[]) => events.map((e) => e.__typename);
const lastOf = (events: readonly StreamEvent[]) => events[events.length - 1];

/**
 * The event contract of `generateContentStream`, checked with graphql-sse's own client over real HTTP against the
 * in-process app, Claude simulated on loopback.
 */
describe('generateContentStream: the events a stream carries', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { UPSTREAM_MAX_ATTEMPTS: '2', CIRCUIT_MIN_CALLS: '1000', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it('When a lead is streamed, then Started, deltas for snippets 1..7 in order, and last Completed with what the mutation returns for the same input', async () => {
    const results = await streamToEnd(stack.baseUrl);
    const events = results.map((r) => r.data!.generateContentStream);
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(events[0]).toEqual({ __typename: 'GenerationStarted', model: stack.config.claude.defaultModel });
    const deltas = events.filter((e) => e.__typename === 'SnippetDelta');
    const order = deltas.map((d) => d.snippet);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(typenames(events.slice(-1))).toEqual(['GenerationCompleted']);

    const completed = lastOf(events)!;
    if (completed.__typename !== 'GenerationCompleted') throw new Error('not completed');
    const { generatedAt: _streamedAt, ...streamed } = completed.content;
    const mutation = await stack.execute(GenerateContentDocument, { input: leadInput() });
    const { generatedAt: _generatedAt, ...returned } = mutation.data!.generateContent;
    expect(streamed).toEqual(returned);
    // The subject as it streamed is the subject the sequence carries.
    expect(streamedText(events)[1]?.trim()).toBe(completed.content.snippet1);
    expect(stack.sims.claude.stats.byRoute.messages).toBe(2);
  });

  it('When Claude overloads mid-stream after text was shown, then the stream ends in GenerationFailed with our code and message only, not retried', async () => {
    stack.sims.claude.script('messages', ['stream_error']);
    const events = (await streamToEnd(stack.baseUrl)).map((r) => r.data!.generateContentStream);
    const failed = lastOf(events)!;
    expect(failed).toEqual({
      __typename: 'GenerationFailed',
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.any(String),
      retryable: true,
      retryAfterSeconds: null,
      completedSnippets: expect.any(Array),
    });
    if (failed.__typename !== 'GenerationFailed') throw new Error('not failed');
    expect(failed.completedSnippets).toEqual([...failed.completedSnippets].sort((a, b) => a - b));
    expect(failed.message).not.toMatch(/overloaded/i);
    expect(typenames(events)).toContain('SnippetDelta');
    expect(typenames(events)).not.toContain('GenerationCompleted');
    // A retry would replace copy the reader has seen.
    expect(stack.sims.claude.stats.byRoute.messages).toBe(1);
  });

  it('When 64 leads are streamed at once, then every stream completes with its own lead', async () => {
    const emails = Array.from({ length: 64 }, (_, i) => `lead${i}@fleet.example`);
    const streams = await Promise.all(
      emails.map((email) => streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables: { input: leadInput(email) } })),
    );
    const ends = streams.map((results) => {
      const last = results[results.length - 1];
      const event = last?.data?.generateContentStream;
      return event?.__typename === 'GenerationCompleted' ? event.content.email : (event?.__typename ?? last?.errors?.[0]?.extensions?.code);
    });
    expect(ends).toEqual(emails);
  }, 60_000);
});

/**
 * Nothing but the cancellation can end the upstream request here: its attempt timeout and deadline are a minute,
 * and Claude writes two tokens a second.
 */
describe('generateContentStream: cancelling', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CLAUDE_ATTEMPT_TIMEOUT_MS: '60000', DEADLINE_GENERATE_MS: '60000' }, simulators: { claude: { tokensPerSecond: 2 } } });
  });
  afterAll(() => stack.close());

  it('When the client unsubscribes while Claude is writing, then the upstream request is aborted and no result is sent', async () => {
    const stream = openStream(stack.baseUrl);
    await stream.until('Claude is writing', (events) => typenames(events).includes('SnippetDelta'));
    stream.unsubscribe();
    await until('the request to Claude is closed', () => stack.sims.claude.stats.inFlight === 0);
    const seen = new Set(typenames(stream.events()));
    expect(seen).toEqual(new Set(['GenerationStarted', 'SnippetDelta']));
    expect(stack.sims.claude.stats.byRoute.messages).toBe(1);
    expect(stack.sims.claude.stats.streamsAborted).toBe(1);
  });
});

/** Two per window, four at once: the gate queues two, and the engine reports where they stand. */
describe('generateContentStream: a queued generation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // A 2 s window: the two queued ones wait about a second each, not half a minute.
    stack = await startTestStack({ env: { CLAUDE_REQUESTS_PER_MINUTE: '2', UPSTREAM_QUOTA_WINDOW_MS: '2000' } });
  });
  afterAll(() => stack.close());

  // With the temporary adapter the gate still queues (and all four complete) but nothing reports the position.
  it('When 4 streams start with a budget of 2, then the queued ones report GenerationQueued before any text, and all complete', async () => {
    const streams = await Promise.all(
      [1, 2, 3, 4].map((i) => streamToEnd(stack.baseUrl, { query: STREAM_QUERY, variables: { input: leadInput(`queued${i}@fleet.example`) } })),
    );
    const all = streams.map((results) => results.map((r) => r.data!.generateContentStream));
    for (const events of all) expect(lastOf(events)?.__typename).toBe('GenerationCompleted');
    const queued = all.filter((events) => typenames(events).includes('GenerationQueued'));
    expect(queued.length).toBeGreaterThanOrEqual(2);
    for (const events of queued) {
      const names = typenames(events);
      expect(names.lastIndexOf('GenerationQueued')).toBeLessThan(names.indexOf('SnippetDelta'));
    }
  });
});
