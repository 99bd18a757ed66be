import { countInputTokens, countTokens, cutToTokens } from '../claude/tokens';

describe('Claude simulator token counting', () => {
  it.each([
    ['English words: a word run costs one token per 4 characters, spaces are free', 'Hello world', 4],
    ['punctuation is a token of its own', 'Hi, Anna!', 4],
    ['a newline is a token of its own', 'a\n\nb', 4],
    ['an accented letter (2 UTF-8 bytes) is one token and splits the word run', 'Müller', 3],
    ['a CJK character (3 UTF-8 bytes) is two tokens', '田中太郎', 8],
    ['an emoji (4 UTF-8 bytes) is two tokens', '😀', 2],
  ])('When the text has %s, then it counts as the rule says', (_case, text, tokens) => {
    expect(countTokens(text)).toBe(tokens);
  });

  it('When a CJK prompt is counted, then it is far above characters / 3.5 and never above its UTF-8 bytes', () => {
    const prompt = '株式会社サンプルの田中様、新しい物流ソフトウェアについてご紹介します。'.repeat(10);

    expect(countTokens(prompt)).toBeGreaterThan(5 * Math.ceil(prompt.length / 3.5));
    expect(countTokens(prompt)).toBeLessThanOrEqual(Buffer.byteLength(prompt, 'utf8'));
  });

  it('When a request is counted, then the system prompt, each message and the framing add up', () => {
    // "You are helpful." = You(1) are(1) helpful(2) .(1); "Hi" = 1; framing 3 + 4 per message.
    expect(countInputTokens(['You are helpful.', 'Hi'], 1)).toBe(5 + 1 + 3 + 4);
  });

  it('When a reply is cut at max_tokens, then the longest prefix within the budget is kept', () => {
    const cut = cutToTokens('Hello world again', 3);

    expect(cut).toBe('Hello worl');
    expect(countTokens(cut)).toBe(3);
    expect(cutToTokens('Hi', 10)).toBe('Hi');
  });
});
