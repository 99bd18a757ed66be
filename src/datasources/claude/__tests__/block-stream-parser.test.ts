import { seededRng } from '../../../simulators/shared/rng';
import { writeSequence, renderCopy } from '../../../simulators/claude/copywriter';
import { BlockStreamParser, type SnippetText } from '../block-stream-parser';
import { splitAnswer } from '../parse-output';

const facts = { firstName: 'Jane', company: 'Acme Robotics', industry: 'Robotics', title: 'VP Sales' };
const sequence = writeSequence(facts, 5);

/** Answers as Claude writes them: the format the prompt asks for, and the slips the final parser tolerates. */
const ANSWERS: Record<string, string> = {
  blocks: renderCopy(sequence, 'blocks', facts)!,
  'blocks with prose around them': renderCopy(sequence, 'blocks_with_prose', facts)!,
  'end marker and an epilogue': `${renderCopy(sequence, 'blocks', facts)!}\n---END---\nHope this helps — tweak freely!`,
  'fenced answer with an epilogue': `Sure:\n\`\`\`text\n${renderCopy(sequence, 'blocks', facts)!}\n\`\`\`\nWant another tone? ---BLOCK--- not this`,
  'Windows newlines': renderCopy(sequence, 'blocks', facts)!.replace(/\n/g, '\r\n'),
  'spaced and long delimiters, text on the delimiter line': sequence
    .map((block, i) => (i % 2 === 0 ? `  ----- block ----- ${block}` : `--- BLOCK ---\n\n${block}\n\n`))
    .join('\n'),
  'empty blocks and dashes inside the copy': `---BLOCK---\n\n---BLOCK---\n${sequence
    .map((block) => block.replace('Hi', 'Hi -- well-known --- friend'))
    .join('\n---BLOCK---\n')}\n----\n`,
  'eight blocks (the 8th is never a snippet)': renderCopy([...sequence, 'P.S. an eighth block'], 'blocks', facts)!,
  'indented end marker line': `${renderCopy(sequence, 'blocks', facts)!}\n  --- end ---  \nSignature`,
  'backtick lines that are not fences': renderCopy(
    sequence.map((block) => `\`quoted\` ${block}\n\`\`\`not a fence`),
    'blocks',
    facts,
  )!,
};

/** What the final parse reads as each block, for the deltas to agree with (at most 7 become snippets). */
function expectedBlocks(answer: string): string[] {
  return (splitAnswer(answer.replace(/\r\n?/g, '\n')) ?? []).slice(0, 7);
}

function joined(deltas: SnippetText[]): string[] {
  const texts: string[] = [];
  for (const { snippet, text } of deltas) texts[snippet - 1] = (texts[snippet - 1] ?? '') + text;
  return texts;
}

function streamed(chunks: string[]): { deltas: SnippetText[]; completed: number[] } {
  const parser = new BlockStreamParser();
  const deltas = [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
  return { deltas, completed: parser.completedSnippets() };
}

describe('BlockStreamParser', () => {
  describe.each(Object.entries(ANSWERS))('%s', (_name, answer) => {
    const expected = expectedBlocks(answer);

    it('When the answer arrives whole, then each snippet is its block and they come in order', () => {
      const { deltas, completed } = streamed([answer]);
      expect(joined(deltas)).toEqual(expected);
      expect(deltas.map((d) => d.snippet)).toEqual([...deltas.map((d) => d.snippet)].sort((a, b) => a - b));
      expect(completed).toEqual(expected.map((_, i) => i + 1));
    });

    it('When the answer is split in two at every position, then the snippets are the same', () => {
      for (let at = 0; at <= answer.length; at += 1) {
        const { deltas } = streamed([answer.slice(0, at), answer.slice(at)]);
        const texts = joined(deltas);
        if (JSON.stringify(texts) !== JSON.stringify(expected)) {
          throw new Error(`split at ${at} (${JSON.stringify(answer.slice(Math.max(0, at - 12), at + 12))}) gave ${JSON.stringify(texts)}`);
        }
      }
    });

    it('When the answer arrives in many small random chunks (seeded), then the snippets are the same', () => {
      const rng = seededRng(11, 'chunks');
      for (let round = 0; round < 40; round += 1) {
        const chunks: string[] = [];
        for (let at = 0; at < answer.length; ) {
          const size = 1 + Math.floor(rng() * 9);
          chunks.push(answer.slice(at, at + size));
          at += size;
        }
        expect(joined(streamed(chunks).deltas)).toEqual(expected);
      }
    });
  });

  it('When the first block is still being written, then its text is emitted before the block ends', () => {
    const parser = new BlockStreamParser();
    expect(parser.push('Here you go:\n---BLO')).toEqual([]);
    expect(parser.push('CK---\nQuick idea for ')).toEqual([{ snippet: 1, text: 'Quick idea for' }]);
    expect(parser.push('Acme')).toEqual([{ snippet: 1, text: ' Acme' }]);
    expect(parser.completedSnippets()).toEqual([]);
    expect(parser.push('\n---BLOCK---\nHi')).toEqual([{ snippet: 2, text: 'Hi' }]);
    expect(parser.completedSnippets()).toEqual([1]);
  });

  it('When the answer is JSON, then no block text is emitted and no blocks were seen', () => {
    const parser = new BlockStreamParser();
    const json = renderCopy(sequence, 'json', facts)!;
    expect([...parser.push(json), ...parser.end()]).toEqual([]);
    expect(parser.sawBlocks).toBe(false);
  });

  it('When a long run of dashes arrives one character at a time, then nothing is emitted until it is decided', () => {
    const parser = new BlockStreamParser();
    parser.push('---BLOCK---\nSubject');
    const deltas: SnippetText[] = [];
    for (const c of '\n' + '-'.repeat(200)) deltas.push(...parser.push(c));
    expect(deltas).toEqual([]);
    deltas.push(...parser.push(' and more'), ...parser.end());
    expect(joined(deltas)).toEqual([`\n${'-'.repeat(200)} and more`]);
  });
});
