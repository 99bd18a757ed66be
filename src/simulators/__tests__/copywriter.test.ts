import { BLOCK_SEPARATOR, renderCopy, writeSequence } from '../claude/copywriter';
import { extractLeadFacts } from '../claude/prompt-facts';

describe('Claude simulator copywriter', () => {
  it.each([
    ['JSON', '{"firstName": "Anna", "company": "Acme, Inc.", "title": "Head of Growth"}', { firstName: 'Anna', company: 'Acme, Inc.', title: 'Head of Growth' }],
    ['key: value lines', 'first_name: Bob\ncompany: Globex\nindustry: Fintech', { firstName: 'Bob', company: 'Globex', industry: 'Fintech' }],
    ['key=value pairs', 'First name=Chloe; Company=Initech', { firstName: 'Chloe', company: 'Initech' }],
    ['placeholders', '{"firstName": "null", "company": ""}', {}],
    ['free prose', 'Write something nice for a founder.', {}],
  ])('When the prompt carries the lead as %s, then the facts found are exactly those', (_format, prompt, facts) => {
    expect(extractLeadFacts(prompt)).toEqual(facts);
  });

  it.each([
    {},
    { firstName: 'Anna' },
    { company: 'Acme' },
    { firstName: 'Maximilian-Alexander', company: 'The Extraordinarily Long Company Name Holdings' },
  ])('When the facts are %j, then the subject is 36-50 characters and the LinkedIn note one line of at most 300', (facts) => {
    for (let variant = 0; variant < 32; variant++) {
      const [subject, , linkedin] = writeSequence(facts, variant);
      expect(subject!.length).toBeGreaterThanOrEqual(36);
      expect(subject!.length).toBeLessThanOrEqual(50);
      expect(linkedin).not.toContain('\n');
      expect(linkedin!.length).toBeLessThanOrEqual(300);
    }
  });

  it('When rendered as blocks, then each of the 7 touches starts with its own separator line', () => {
    const text = renderCopy(writeSequence({ firstName: 'Anna' }, 0), 'blocks', {})!;

    expect(text.startsWith(`${BLOCK_SEPARATOR}\n`)).toBe(true);
    expect(text.split(`${BLOCK_SEPARATOR}\n`).slice(1)).toHaveLength(7);
    expect(text.split(`${BLOCK_SEPARATOR}\n`)[2]).toContain('\n\n'); // the day-1 email has paragraphs
  });
});
