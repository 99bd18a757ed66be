import { UsageDocument } from '../../../generated/operations/graphql';
import { countTokens } from '../../../simulators/claude/tokens';
import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';
import {
  claudeFor,
  collect,
  completedContent,
  deltaOrder,
  deltaTexts,
  failure,
  kinds,
  LEAD_REQUEST,
  readUntil,
} from './generation-harness';

/**
 * ClaudeAPI.generateStream through the whole stack: the real upstream runtime and gate, usage accounting, and the
 * Claude simulator streaming SSE on loopback. The simulator writes at full speed unless a test sets its pace.
 */
describe('ClaudeAPI.generateStream', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RETRY_BASE_DELAY_MS: '1', RETRY_MAX_DELAY_MS: '2' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sims.claude.configure({ outputFormat: 'blocks', stopReason: 'end_turn', ttftMs: 0, tokensPerSecond: 0, sseChunkChars: 48, streamBreakAfter: 0.5 });
    stack.sims.claude.resetStats();
  });
  const messagesRequests = () => stack.sims.claude.stats.byRoute.messages ?? 0;

  it('When Claude streams the block format, then started, deltas of snippets 1..7 in order, and completed with the validated content', async () => {
    const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

    expect(kinds(events).join(' ')).toMatch(/^(queued )*started (delta )+completed$/);
    const order = deltaOrder(events);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    const content = completedContent(events);
    expect(content).toMatchObject({ cached: false, stopReason: 'end_turn', email: LEAD_REQUEST.lead.email, company: 'Acme Robotics' });
    expect(messagesRequests()).toBe(1);
  });

  it('When the stream is done, then the joined subject deltas equal snippet1, and the content is what the mutation returns', async () => {
    const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));
    const content = completedContent(events);
    const texts = deltaTexts(events);

    expect(texts[0]!.trim()).toBe(content.snippet1);
    expect(texts[2]!.trim()).toBe(content.snippet3);
    const mutation = await claudeFor(stack).generate(LEAD_REQUEST);
    expect({ ...content, generatedAt: '' }).toEqual({ ...mutation, generatedAt: '' });
  });

  it('When Claude puts a preamble before the blocks, then no delta carries it and the subject is still snippet1', async () => {
    stack.sims.claude.configure({ outputFormat: 'blocks_with_prose', sseChunkChars: 5 });

    const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

    const texts = deltaTexts(events);
    // (Prose after the 7th block without an ---END--- line stays in the break-up email, as in the final parse.)
    expect(texts.join('')).not.toMatch(/Here is/);
    expect(texts[0]).toBe(completedContent(events).snippet1);
  });

  it('When Claude answers in JSON, then the deltas come after the whole answer parsed, still in order, then completed', async () => {
    stack.sims.claude.configure({ outputFormat: 'json' });

    const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

    const content = completedContent(events);
    expect(deltaOrder(events)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(deltaTexts(events)[0]).toBe(content.snippet1);
  });

  describe('failures mid-stream', () => {
    it('When Claude sends an overloaded error event before any text, then the generation is retried and completes', async () => {
      stack.sims.claude.configure({ streamBreakAfter: 0 });
      stack.sims.claude.script('messages', ['stream_error']);

      const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

      completedContent(events);
      expect(messagesRequests()).toBe(2);
      expect(kinds(events).filter((kind) => kind === 'started')).toHaveLength(1);
    });

    it('When Claude sends an overloaded error event after text was shown, then GenerationFailed UPSTREAM_UNAVAILABLE with the complete snippets, no retry', async () => {
      stack.sims.claude.configure({ sseChunkChars: 8 });
      stack.sims.claude.script('messages', ['stream_error', 'ok']);

      const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

      const failed = failure(events);
      expect(failed.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { retryable: true } });
      expect(failed.error.message).not.toMatch(/overloaded_error|Overloaded/);
      expect(kinds(events)).not.toContain('completed');
      expect(messagesRequests()).toBe(1);
      // Half the text arrived: the first touches are complete, the one being written is not listed.
      const shown = new Set(deltaOrder(events));
      expect(failed.completedSnippets.length).toBeGreaterThan(0);
      for (const snippet of failed.completedSnippets) expect(shown.has(snippet)).toBe(true);
      expect(failed.completedSnippets).toEqual([...shown].slice(0, failed.completedSnippets.length));
      expect(shown.size).toBeGreaterThan(failed.completedSnippets.length);
    });

    it('When the stream ends without message_stop after text, then GenerationFailed UPSTREAM_UNAVAILABLE; before any text, a retry', async () => {
      stack.sims.claude.script('messages', ['truncated_stream']);
      const cut = failure(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));
      expect(cut.error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(messagesRequests()).toBe(1);

      stack.sims.claude.configure({ streamBreakAfter: 0 });
      stack.sims.claude.script('messages', ['truncated_stream']);
      completedContent(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));
      expect(messagesRequests()).toBe(3);
    });

    it('When Claude stops at max_tokens after text was shown, then GenerationFailed UPSTREAM_UNAVAILABLE and no re-ask', async () => {
      stack.sims.claude.configure({ stopReason: 'max_tokens' });

      const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

      expect(failure(events).error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { retryable: true } });
      expect(messagesRequests()).toBe(1);
    });

    it('When the streamed answer turns out unusable (6 blocks), then GenerationFailed CONTENT_INVALID, retryable, and no re-ask', async () => {
      stack.sims.claude.configure({ outputFormat: 'six_blocks' });

      const events = await collect(claudeFor(stack).generateStream(LEAD_REQUEST));

      expect(failure(events).error).toMatchObject({ code: 'CONTENT_INVALID', extensions: { retryable: true } });
      expect(messagesRequests()).toBe(1);
    });

    it('When a JSON answer is unusable, then nothing was shown, so Claude is asked again as the mutation would', async () => {
      stack.sims.claude.configure({ outputFormat: 'json', stopReason: 'refusal' });
      const refused = failure(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));
      expect(refused.error.code).toBe('CONTENT_INVALID');
      expect(messagesRequests()).toBe(1); // a refusal is final

      stack.sims.claude.configure({ outputFormat: 'json', stopReason: 'max_tokens' });
      failure(await collect(claudeFor(stack).generateStream(LEAD_REQUEST)));
      expect(messagesRequests()).toBe(3); // cut off, nothing shown: one re-ask
    });
  });

  describe('cancellation', () => {
    it('When the reader leaves mid-stream, then Claude\'s stream is aborted at once and the input tokens are in the usage report', async () => {
      // 20 tokens a second: the whole answer would take tens of seconds, so only the abort ends the stream early.
      const tokensPerSecond = 20;
      stack.sims.claude.configure({ tokensPerSecond, sseChunkChars: 16 });
      const caller = 'cancelling-client';
      const events = claudeFor(stack, caller).generateStream(LEAD_REQUEST);

      const seen = await readUntil(events, (event) => event.kind === 'delta');
      await events.return();
      await until('the simulator saw the stream aborted', () => stack.sims.claude.stats.streamsAborted === 1);

      const [aborted] = stack.sims.claude.stats.abortedStreams;
      const seenTokens = seen.reduce((sum, event) => sum + (event.kind === 'delta' ? countTokens(event.text) : 0), 0);
      // After the reader left, the simulator wrote at most one second of text at its pace before the BFF hung up.
      expect(aborted!.textTokens - seenTokens).toBeLessThanOrEqual(tokensPerSecond);
      expect(aborted!.textTokens).toBeLessThan(aborted!.totalTokens);
      expect(stack.sims.claude.stats.streamsCompleted).toBe(0);

      const usageOf = async () =>
        (await stack.execute(UsageDocument, {}, { caller: { id: caller, kind: 'token' } })).data?.usage.totals[0];
      await until('usage recorded the cancelled generation', async () => (await usageOf()) !== undefined);
      const usage = await usageOf();
      expect(usage?.inputTokens).toBe(stack.sims.claude.stats.inputTokens);
      expect(usage?.outputTokens).toBeGreaterThanOrEqual(seenTokens);
      expect(usage?.outputTokens).toBeLessThan(aborted!.totalTokens);
    });

    it('When the client connection closes mid-stream, then the upstream stream is aborted and the stream ends with one GenerationFailed', async () => {
      stack.sims.claude.configure({ tokensPerSecond: 20, sseChunkChars: 16 });
      const connection = new AbortController();
      const events = claudeFor(stack, 'closing-client', connection.signal).generateStream(LEAD_REQUEST);

      await readUntil(events, (event) => event.kind === 'delta');
      connection.abort();
      const rest = await collect({ [Symbol.asyncIterator]: () => events });

      await until('the simulator saw the stream aborted', () => stack.sims.claude.stats.streamsAborted === 1);
      expect(kinds(rest).filter((kind) => kind !== 'delta')).toEqual(['failed']);
      expect(failure(rest).error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', message: 'The request was cancelled before Claude answered.' });
    });
  });
});
