import { LOOP_DELAY_BAR_MS, loopDelayAttempts, measuringLoopDelay, NEVER_NOISE_MS } from '../../../testing/loop-delay';
import { parseClaudeAnswer, type ParsedAnswer } from '../parse-output';
import type { Snippets } from '../models';

const BLOCKS = [
  'Cutting onboarding time at Acme Robotics',
  'Hi Jane,\n\nI noticed Acme is hiring fast.\nThat usually means onboarding pain.\n\nWorth a chat?',
  'Hi Jane, enjoyed your post on robot fleets and would love to connect.',
  'Hi Jane,\n\nFloating this back up.',
  'Hi Jane,\n\nA different angle: compliance.\n\nThoughts?',
  'Hi Jane,\n\nAny thoughts on this?',
  'Hi Jane,\n\nI will close the loop here.\n\nAll the best.',
];

function blockAnswer(blocks: string[] = BLOCKS): string {
  return blocks.map((block) => `---BLOCK---\n${block}`).join('\n');
}

function snippetsOf(answer: ParsedAnswer): Snippets {
  if (!answer.ok) throw new Error(`expected a usable answer, got: ${answer.problem}`);
  return answer.snippets;
}

describe('parseClaudeAnswer', () => {
  it('reads 7 blocks: subject and LinkedIn as plain text, the emails as <div> paragraphs', () => {
    const snippets = snippetsOf(parseClaudeAnswer(blockAnswer(), 'end_turn'));
    expect(snippets.snippet1).toBe('Cutting onboarding time at Acme Robotics');
    expect(snippets.snippet2).toBe(
      '<div>Hi Jane,</div><div><br></div><div>I noticed Acme is hiring fast.<br>That usually means onboarding pain.</div><div><br></div><div>Worth a chat?</div>',
    );
    expect(snippets.snippet3).toBe('Hi Jane, enjoyed your post on robot fleets and would love to connect.');
    for (const key of ['snippet2', 'snippet4', 'snippet5', 'snippet6', 'snippet7'] as const) {
      expect(snippets[key]).toContain('<div>');
      expect(snippets[key]).toContain('</div><div><br></div><div>');
    }
  });

  it('ignores prose before the first delimiter and surrounding whitespace', () => {
    const text = `Here is the sequence for Jane:\n\n${blockAnswer()}\n\n   `;
    expect(snippetsOf(parseClaudeAnswer(text, 'end_turn'))).toEqual(snippetsOf(parseClaudeAnswer(blockAnswer(), 'end_turn')));
  });

  it('ignores prose after the ---END--- line', () => {
    const text = `Here you go:\n${blockAnswer()}\n---END---\n\nLet me know if you would like a different tone.`;
    expect(snippetsOf(parseClaudeAnswer(text, 'end_turn'))).toEqual(snippetsOf(parseClaudeAnswer(blockAnswer(), 'end_turn')));
  });

  it('ignores prose after the blocks when they are fenced', () => {
    const text = `Sure!\n\`\`\`text\n${blockAnswer()}\n\`\`\`\nLet me know if you want changes.`;
    expect(snippetsOf(parseClaudeAnswer(text, 'end_turn')).snippet7).toBe(
      '<div>Hi Jane,</div><div><br></div><div>I will close the loop here.</div><div><br></div><div>All the best.</div>',
    );
  });

  it('accepts Windows newlines', () => {
    const text = blockAnswer().replace(/\n/g, '\r\n');
    expect(snippetsOf(parseClaudeAnswer(text, 'end_turn'))).toEqual(snippetsOf(parseClaudeAnswer(blockAnswer(), 'end_turn')));
  });

  it('drops empty blocks, as the app did', () => {
    const text = `---BLOCK---\n\n---BLOCK---\n${blockAnswer()}\n---BLOCK---\n`;
    expect(parseClaudeAnswer(text, 'end_turn').ok).toBe(true);
  });

  it('strips "Subject:" / "LinkedIn message:" labels and wrapping quotes from the one-line snippets', () => {
    const blocks = [...BLOCKS];
    blocks[0] = '**Subject:** "Cutting onboarding time at Acme"';
    blocks[2] = 'LinkedIn message: Hi Jane,\nlet us connect.';
    const snippets = snippetsOf(parseClaudeAnswer(blockAnswer(blocks), 'end_turn'));
    expect(snippets.snippet1).toBe('Cutting onboarding time at Acme');
    expect(snippets.snippet3).toBe('Hi Jane, let us connect.');
  });

  it('sanitises HTML that Claude wrote despite the contract', () => {
    const blocks = [...BLOCKS];
    blocks[1] = '<p>Hi Jane</p><script>alert(1)</script>';
    expect(snippetsOf(parseClaudeAnswer(blockAnswer(blocks), 'end_turn')).snippet2).toBe('<div><p>Hi Jane</p></div>');
  });

  it('reads a JSON object with snippet1..snippet7, bare or in a ```json fence', () => {
    const object = Object.fromEntries(BLOCKS.map((block, i) => [`snippet${i + 1}`, block]));
    const expected = snippetsOf(parseClaudeAnswer(blockAnswer(), 'end_turn'));
    expect(snippetsOf(parseClaudeAnswer(JSON.stringify(object), 'end_turn'))).toEqual(expected);
    const fenced = `Here you go:\n\`\`\`json\n${JSON.stringify(object, null, 2)}\n\`\`\``;
    expect(snippetsOf(parseClaudeAnswer(fenced, 'end_turn'))).toEqual(expected);
  });

  it.each([
    [6, BLOCKS.slice(0, 6)],
    [8, [...BLOCKS, 'P.S. one more thing']],
  ])('rejects %i blocks: a block too many or too few means the touches are misaligned', (count, blocks) => {
    expect(parseClaudeAnswer(blockAnswer(blocks), 'end_turn')).toEqual({
      ok: false,
      problem: `it had ${count} blocks instead of 7`,
      reaskable: true,
    });
  });

  it('rejects a JSON object that lacks a snippet', () => {
    const object = Object.fromEntries(BLOCKS.slice(0, 6).map((block, i) => [`snippet${i + 1}`, block]));
    expect(parseClaudeAnswer(JSON.stringify(object), 'end_turn')).toEqual({ ok: false, problem: 'block 7 was empty', reaskable: true });
  });

  it('rejects a block that is empty once cleaned', () => {
    const blocks = [...BLOCKS];
    blocks[0] = 'Subject:';
    expect(parseClaudeAnswer(blockAnswer(blocks), 'end_turn')).toMatchObject({ ok: false, problem: 'block 1 was empty' });
  });

  it('rejects prose without blocks or JSON', () => {
    expect(parseClaudeAnswer('Happy to help! What does the sender sell?', 'end_turn')).toMatchObject({ ok: false, reaskable: true });
  });

  it.each([
    ['max_tokens', true],
    ['refusal', false],
    ['model_context_window_exceeded', false],
  ])('treats stop reason %s as unusable, whatever the text (re-ask: %s)', (stopReason, reaskable) => {
    expect(parseClaudeAnswer(blockAnswer(), stopReason)).toMatchObject({ ok: false, reaskable });
  });

  // What a prompt can make Claude write, within the output budgets current models allow (up to 64k tokens).
  it.each([
    ['a run of 64 000 dashes', '-'.repeat(64_000)],
    ['40 000 fence openings that never close', 'a```\n'.repeat(40_000)],
  ])('When Claude answers %s, then parsing never holds the event loop past ~100 ms', async (_name, text) => {
    let answer: ParsedAnswer | undefined;
    const delays = await loopDelayAttempts(() => measuringLoopDelay(() => (answer = parseClaudeAnswer(text, 'end_turn'))));
    expect(answer?.ok).toBe(false);
    expect(Math.max(...delays)).toBeLessThanOrEqual(NEVER_NOISE_MS);
    expect(Math.min(...delays)).toBeLessThanOrEqual(LOOP_DELAY_BAR_MS);
  });
});
