import { type ClaudeSimulator, startClaudeSimulator } from '../index';
import { countTokens } from '../claude/tokens';
import { until } from '../../testing/until';
import { LEAD_PROMPT, messageBody, postClaude } from './helpers';

/** Reads SSE events off a live response until `enough` says stop; returns the text deltas seen. */
async function readDeltas(response: Response, enough: (deltas: string[]) => boolean): Promise<{ deltas: string[]; events: string[] }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const deltas: string[] = [];
  const events: string[] = [];
  let buffered = '';
  while (!enough(deltas)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    const parts = buffered.split('\n\n');
    buffered = parts.pop()!;
    for (const part of parts) {
      const name = /^event: (.*)$/m.exec(part)?.[1] ?? '';
      events.push(name);
      const data = /^data: (.*)$/m.exec(part)?.[1];
      if (name === 'content_block_delta' && data) deltas.push((JSON.parse(data) as { delta: { text: string } }).delta.text);
    }
  }
  await reader.cancel().catch(() => undefined);
  return { deltas, events };
}

const PART_PROMPT = `${LEAD_PROMPT}
<sequence_plan>
The day-1 email's topic: faster onboarding for robotics teams
</sequence_plan>
You write part 2 of 3: touches 3 to 5 only.`;

describe('Claude simulator pace, aborted streams and sequence parts', () => {
  let sim: ClaudeSimulator;

  beforeAll(async () => {
    sim = await startClaudeSimulator({ requestsPerMinute: 10_000, inputTokensPerMinute: 10_000_000, outputTokensPerMinute: 10_000_000 });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({ ttftMs: 0, tokensPerSecond: 0, streamBreakAfter: 0.5, sseChunkChars: 48, outputFormat: 'blocks' });
    sim.resetStats();
  });

  it('When the client leaves a paced stream after its first delta, then the simulator stops and records what it had written', async () => {
    // 20 tokens a second: the whole answer would take tens of seconds, so only an abort can end it early.
    const tokensPerSecond = 20;
    sim.configure({ ttftMs: 0, tokensPerSecond, sseChunkChars: 16 });
    const client = new AbortController();
    const response = await postClaude(sim, messageBody({ stream: true }), { signal: client.signal });

    const { deltas } = await readDeltas(response, (seen) => seen.length >= 1);
    client.abort();
    await until('the simulator saw the client leave', () => sim.stats.streamsAborted === 1);

    const [aborted] = sim.stats.abortedStreams;
    expect(sim.stats.streamsCompleted).toBe(0);
    expect(aborted!.textTokens).toBeLessThan(aborted!.totalTokens);
    // What it wrote after the client's last read is at most one second of writing at its pace.
    const seenTokens = deltas.reduce((sum, text) => sum + countTokens(text), 0);
    expect(aborted!.textTokens - seenTokens).toBeLessThanOrEqual(tokensPerSecond);
    expect(sim.stats.inFlight).toBe(0);
  });

  it('When a stream runs to its end, then it is counted as completed, not aborted', async () => {
    await (await postClaude(sim, messageBody({ stream: true }))).text();

    expect(sim.stats).toMatchObject({ streamsCompleted: 1, streamsAborted: 0, abortedStreams: [] });
  });

  it('When a JSON answer is paced, then an impatient client gets nothing and a patient one the whole answer', async () => {
    sim.configure({ ttftMs: 30_000, tokensPerSecond: 60 });
    await expect(postClaude(sim, messageBody(), { signal: AbortSignal.timeout(100) })).rejects.toThrow();

    sim.configure({ ttftMs: 0, tokensPerSecond: 0 });
    expect((await postClaude(sim, messageBody())).status).toBe(200);
  });

  it('When a stream error is scripted with streamBreakAfter 0, then the error event comes before any text', async () => {
    sim.configure({ streamBreakAfter: 0 });
    sim.script('messages', ['stream_error']);

    const { deltas, events } = await readDeltas(await postClaude(sim, messageBody({ stream: true })), () => false);

    expect(deltas).toEqual([]);
    expect(events).toEqual(['message_start', 'content_block_start', 'ping', 'error']);
  });

  it('When the prompt asks for one part of a planned sequence, then only those touches come back, and the follow-ups name the topic', async () => {
    const body = (await (await postClaude(sim, messageBody({ messages: [{ role: 'user', content: PART_PROMPT }] }))).json()) as {
      content: { text: string }[];
    };
    const blocks = body.content[0]!.text.split('---BLOCK---\n').slice(1).map((block) => block.trim());

    expect(blocks).toHaveLength(3);
    expect(blocks[0]).not.toContain('\n'); // touch 3, the one-line LinkedIn note
    expect(blocks[1]).toContain('my note about faster onboarding for robotics teams');
    expect(blocks[2]).toContain('my note about faster onboarding for robotics teams');
  });

  it('When the same lead is asked for the whole sequence and for a part with the same plan, then the part is those touches of the whole', async () => {
    const whole = PART_PROMPT.replace('You write part 2 of 3: touches 3 to 5 only.', '');
    const texts = await Promise.all(
      [whole, PART_PROMPT].map(async (content) => {
        const reply = (await (await postClaude(sim, messageBody({ messages: [{ role: 'user', content }] }))).json()) as {
          content: { text: string }[];
        };
        return reply.content[0]!.text.split('---BLOCK---\n').slice(1).map((block) => block.trim());
      }),
    );

    expect(texts[1]).toEqual(texts[0]!.slice(2, 5));
  });
});
