import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';
import { planTopic } from '../prompt';
import { claudeFor, collect, completedContent, deltaOrder, deltaTexts, failure, LEAD_REQUEST } from './generation-harness';

const FOLLOW_UPS = ['snippet4', 'snippet5', 'snippet6', 'snippet7'] as const;
const PARALLEL = { ...LEAD_REQUEST, parallel: true };

describe('parallel generation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    // A first token 150 ms after message_start: calls that overlap are visibly in flight at the same time.
    stack.sims.claude.configure({ ttftMs: 150, tokensPerSecond: 0, outputFormat: 'blocks', streamBreakAfter: 0.5 });
    stack.sims.claude.resetStats();
  });

  it('When parallel is asked and the gate has room, then 3 calls run at once and the result is one valid 7-touch sequence', async () => {
    const events = await collect(claudeFor(stack).generateStream(PARALLEL));

    const content = completedContent(events);
    expect(stack.sims.claude.stats.byRoute.messages).toBe(3);
    expect(stack.sims.claude.stats.maxInFlight).toBe(3);
    for (const key of ['snippet1', 'snippet2', 'snippet3', ...FOLLOW_UPS] as const) expect(content[key].trim()).not.toBe('');
    expect(content.snippet1).not.toMatch(/[<>\n]/);
    expect(content.snippet3).not.toMatch(/[<>\n]/);
    // Usage is the sum of the three calls.
    expect(content.usage).toEqual({ inputTokens: stack.sims.claude.stats.inputTokens, outputTokens: stack.sims.claude.stats.outputTokens });
  });

  it('When the later parts finish first, then the deltas still reach the client in snippet order 1..7, subject first', async () => {
    // At a pace, the short last part (touches 6-7) is done long before the first (subject and day-1 email).
    stack.sims.claude.configure({ ttftMs: 0, tokensPerSecond: 1_000, sseChunkChars: 16 });
    const events = await collect(claudeFor(stack).generateStream(PARALLEL));

    const order = deltaOrder(events);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(deltaTexts(events)[0]!.trim()).toBe(completedContent(events).snippet1);
  });

  it('When the parts are written apart, then the day-1 email carries the shared topic and every follow-up refers back to it', async () => {
    const content = completedContent(await collect(claudeFor(stack).generateStream(PARALLEL)));
    const topic = planTopic(PARALLEL.prompt);

    expect(content.snippet2).toContain(topic);
    for (const key of FOLLOW_UPS) expect(content[key]).toContain(`note about ${topic}`);
  });

  it('When written in parallel, then the input tokens are about three times those of one call (the system prompt and lead go with each part)', async () => {
    const single = completedContent(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));
    const parallel = completedContent(await collect(claudeFor(stack).generateStream(PARALLEL)));
    const ratio = parallel.usage.inputTokens / single.usage.inputTokens;

    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });

  it('When the mutation asks for parallel, then it runs the same parts and returns the same sequence as the stream', async () => {
    const streamed = completedContent(await collect(claudeFor(stack).generateStream(PARALLEL)));
    stack.sims.claude.resetStats();

    const mutation = await claudeFor(stack).generate(PARALLEL);

    expect(stack.sims.claude.stats.byRoute.messages).toBe(3);
    expect({ ...mutation, generatedAt: '' }).toEqual({ ...streamed, generatedAt: '' });
  });

  it('When one part fails after its text was shown, then the generation fails and the other parts are stopped', async () => {
    stack.sims.claude.configure({ sseChunkChars: 8 });
    stack.sims.claude.script('messages', ['stream_error', 'stream_error', 'stream_error']);

    const failed = failure(await collect(claudeFor(stack).generateStream(PARALLEL)));

    expect(failed.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.sims.claude.stats.byRoute.messages).toBe(3);
  });
});

describe('parallel generation without room in the gate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CLAUDE_MAX_CONCURRENCY: '2', CLAUDE_PARALLEL_DEFAULT: 'true' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.claude.resetStats());

  it('When only 2 slots are free, then the sequence is written in 2 parts, and the server default asks for it without the client', async () => {
    completedContent(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));

    expect(stack.sims.claude.stats.byRoute.messages).toBe(2);
  });

  it('When the slots are taken, then it is one call, as without parallel mode', async () => {
    // CLAUDE_PARALLEL_DEFAULT is on: the holder is itself split across both slots, each held by a slow answer.
    stack.sims.claude.script('messages', ['slow', 'slow']);
    const holder = claudeFor(stack).generateStream({ ...LEAD_REQUEST, lead: { ...LEAD_REQUEST.lead, email: 'holder@acme.example' } });
    const holding = holder.next();
    // The gate counts a call from its permit, the simulator from its arrival: both, before the stats are reset.
    await until('the holder has both slots', () => stack.deps.upstreams.claude.status().inFlight === 2 && stack.sims.claude.stats.inFlight === 2);
    stack.sims.claude.resetStats();

    const waiting = collect(claudeFor(stack).generateStream(PARALLEL));
    await until('the second generation is queued', () => stack.deps.upstreams.claude.status().queued === 1);
    await holder.return();
    await holding;

    completedContent(await waiting);
    expect(stack.sims.claude.stats.byRoute.messages).toBe(1);
  });
});
