import { estimateLocally, upperBoundTokens } from '../token-estimate';

const one = (text: string) => ({ system: '', messages: [{ content: text }] });
const FRAMING = 16 + 8;
const PROSE = 'We help robotics teams onboard new operators in days instead of weeks, with short lessons on the floor. ';

describe('estimateLocally', () => {
  it.each([
    ['a word costs ⌈(letters + its space) / 3⌉, at least 1', 'Hi team', 1 + 2],
    ['punctuation, digits and a space before them cost one each', 'Q3, 2025!', 1 + 1 + 1 + 1 + 4 + 1],
    ['a mixed-case run (an identifier) costs its bytes, an acronym does not', 'getUserId ROI', 9 + 2],
    ['a space before no word costs one', 'a  b', 1 + 1 + 1],
    ['a non-ASCII character costs its UTF-8 bytes', 'Müller', 1 + 2 + 2],
    ['a run longer than a word costs its bytes', 'x'.repeat(30), 30],
  ])('When the text has %s, then the bound says so', (_case, text, tokens) => {
    expect(estimateLocally(one(text)).tokens).toBe(tokens + FRAMING);
  });

  it('When the prompt is English prose with a few accented names, then the bound is certain', () => {
    expect(estimateLocally(one(`${PROSE.repeat(20)} Regards, José Müller`)).certain).toBe(true);
  });

  it.each([
    ['many non-ASCII characters (CJK)', `${PROSE} 物流倉庫向けの在庫管理ソフトウェアを提供しています。導入企業では出荷ミスが大幅に減りました。`],
    ['dense symbols (JSON, code)', JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ id: i, ok: true })))],
    ['identifier-like runs (base64)', `${PROSE} ${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(6)}`],
    ['very long text', PROSE.repeat(200)],
  ])('When the prompt has %s, then the bound is not certain (count_tokens is asked)', (_case, text) => {
    expect(estimateLocally(one(text)).certain).toBe(false);
  });

  it('When any prompt is bounded, then the local bound never exceeds the byte bound', () => {
    for (const text of [PROSE, 'Müller 田中 😀', '{"a":1}', 'a  b\n\nc']) {
      expect(estimateLocally(one(text)).tokens).toBeLessThanOrEqual(upperBoundTokens(one(text)));
    }
  });
});

describe('upperBoundTokens', () => {
  it('When a request is bounded, then it is one token per UTF-8 byte of every text plus the framing', () => {
    expect(upperBoundTokens({ system: 'Be brief.', messages: [{ content: '田中' }, { content: 'ok' }] })).toBe(9 + 6 + 2 + 16 + 8 * 2);
  });
});
