import { countTokens } from '../../../simulators/claude/tokens';
import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';
import { createClaudeUpstream } from '../../shared/presets';
import { ClaudeAPI, createClaudeShared, type GenerationStream } from '../ClaudeAPI';
import type { GenerateContentRequest } from '../models';
import { claudeFor, collect, completedContent, kinds, LEAD_REQUEST, readUntil } from './generation-harness';
import { RecordingUpstream } from './recording-upstream';

const leadNumber = (n: number): GenerateContentRequest => ({ ...LEAD_REQUEST, lead: { ...LEAD_REQUEST.lead, email: `lead${n}@acme.example`, firstName: `Lead${n}` } });

describe('a generation waiting for the quota gate', () => {
  describe('with a budget of 2 requests per window', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ env: { CLAUDE_REQUESTS_PER_MINUTE: '2', UPSTREAM_QUOTA_WINDOW_MS: '400' } });
    });
    afterAll(() => stack.close());

    it('When 4 generations start at once, then those that wait show GenerationQueued before their text and move up to 1, those granted at once do not, and all complete', async () => {
      const streams = await Promise.all([1, 2, 3, 4].map((n) => collect(claudeFor(stack).generateStream(leadNumber(n)))));

      for (const events of streams) completedContent(events);
      const waited = streams.filter((events) => kinds(events).includes('queued'));
      // A budget of 2 leaves at least two of the four waiting; the first is granted at once.
      expect(waited.length).toBeGreaterThanOrEqual(2);
      expect(waited.length).toBeLessThan(4);
      for (const events of waited) {
        const firstDelta = events.findIndex((event) => event.kind === 'delta');
        expect(kinds(events).lastIndexOf('queued')).toBeLessThan(events.findIndex((event) => event.kind === 'started'));
        expect(kinds(events).lastIndexOf('queued')).toBeLessThan(firstDelta);
      }
      const positions = waited.map((events) => events.flatMap((event) => (event.kind === 'queued' ? [event.position] : [])));
      // The last one waited behind the others, then moved up.
      expect(Math.max(...positions.flat())).toBe(waited.length);
      for (const seen of positions) expect(seen.at(-1)).toBe(1);
      expect(stack.sims.claude.stats.quotaViolations).toBe(0);
    });
  });

  describe('with one slot', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ env: { CLAUDE_MAX_CONCURRENCY: '1' } });
    });
    afterAll(() => stack.close());
    beforeEach(() => {
      stack.sims.claude.configure({ tokensPerSecond: 0, ttftMs: 0, sseChunkChars: 48 });
      stack.sims.claude.resetStats();
    });

    /** A stream that holds the only slot until the test lets it go (it writes 20 tokens a second). */
    async function occupySlot(): Promise<GenerationStream> {
      stack.sims.claude.configure({ tokensPerSecond: 20, sseChunkChars: 16 });
      const holder = claudeFor(stack).generateStream(leadNumber(1));
      await readUntil(holder, (event) => event.kind === 'delta');
      return holder;
    }

    it('When a queued generation is cancelled, then it leaves the queue at once and Claude never sees it', async () => {
      const holder = await occupySlot();
      const waiting = claudeFor(stack).generateStream(leadNumber(2));
      const beforeCancel = await readUntil(waiting, (event) => event.kind === 'queued');
      expect(beforeCancel.at(-1)).toMatchObject({ kind: 'queued', position: 1 });
      expect(stack.deps.upstreams.claude.status().queued).toBe(1);

      await waiting.return();

      expect(stack.deps.upstreams.claude.status().queued).toBe(0);
      await holder.return();
      await until('the holder was aborted', () => stack.sims.claude.stats.streamsAborted === 1);
      expect(stack.sims.claude.stats.byRoute.messages).toBe(1);
    });

    it('When the gate is busy, then the estimate counts the wait: its ETA is later than with the gate free', async () => {
      // One generation first, so the gate has seen how long a call holds its slot.
      stack.sims.claude.configure({ ttftMs: 200 });
      completedContent(await collect(claudeFor(stack).generateStream(leadNumber(3))));
      const free = await claudeFor(stack).estimate(leadNumber(4));

      const holder = await occupySlot();
      const busy = await claudeFor(stack).estimate(leadNumber(4));
      await holder.return();

      expect(busy.etaSeconds).toBeGreaterThan(free.etaSeconds);
      expect(busy.inputTokens).toBe(free.inputTokens);
    });
  });
});

describe('the reservation of a cancelled generation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('When the reader leaves mid-stream, then the attempt settles the input Claude reported and the output written so far, not max_tokens', async () => {
    stack.sims.claude.configure({ tokensPerSecond: 20, sseChunkChars: 16 });
    const upstream = new RecordingUpstream(createClaudeUpstream(stack.config));
    const claude = new ClaudeAPI(createClaudeShared(stack.config, upstream), undefined, 'settling-client');
    try {
      const events = claude.generateStream(LEAD_REQUEST);
      const seen = await readUntil(events, (event) => event.kind === 'delta');
      await events.return();
      await until('the attempt settled', () => (upstream.calls[0]?.attempts[0]?.settled.length ?? 0) > 0);

      const [settled] = upstream.calls[0]!.attempts[0]!.settled;
      const seenTokens = seen.reduce((sum, event) => sum + (event.kind === 'delta' ? countTokens(event.text) : 0), 0);
      expect(settled).toEqual({ requests: 1, input_tokens: stack.sims.claude.stats.inputTokens, output_tokens: expect.any(Number) });
      expect(settled!.output_tokens).toBeGreaterThanOrEqual(seenTokens);
      expect(settled!.output_tokens).toBeLessThan(stack.config.claude.maxTokens / 4);
    } finally {
      await upstream.close();
    }
  });
});
