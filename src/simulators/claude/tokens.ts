/**
 * The simulator's stand-in for Claude's tokenizer: deterministic, and deliberately NOT "characters / 4" or
 * "characters / 3.5", so that a client which estimates tokens from string length is caught out exactly where
 * the real tokenizer would catch it out (non-English text, symbols):
 * - a run of ASCII letters and digits costs one token per 4 characters, rounded up (English prose comes to
 *   about 4–4.5 characters per token, as Anthropic's rule of thumb says);
 * - a space is free (it joins the word after it, as in BPE vocabularies);
 * - every other ASCII character (punctuation, symbols, newlines, tabs) is a token of its own;
 * - every other code point costs ceil(UTF-8 bytes / 2): 1 for accented Latin, Greek or Cyrillic (2 bytes),
 *   2 for CJK and most other scripts (3 bytes), 2 for emoji (4 bytes). A CJK character is 2 tokens here, at the
 *   pessimistic end of what real tokenizers do (about 1–2 per character), so a chars/3.5 guess is 7× short.
 * No text ever costs more tokens than it has UTF-8 bytes, which holds for every byte-level BPE tokenizer.
 *
 * Messages usage, count_tokens and the input-token quota all count with this, so they always agree.
 */

const WORD_CHARS_PER_TOKEN = 4;
/** Role markers and turn separators the API adds around each message, and once around the whole prompt. */
export const FRAMING_TOKENS = { perRequest: 3, perMessage: 4 };

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function utf8Bytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

/** Tokens of one character that is not part of a word run. */
function charTokens(code: number): number {
  if (code === 0x20) return 0;
  return code < 0x80 ? 1 : Math.ceil(utf8Bytes(code) / 2);
}

/**
 * Walks `text` and reports after every code point the tokens of the text up to there, stopping early when
 * `visit` returns false. Returns the tokens of what it walked.
 */
function walk(text: string, visit: (tokensSoFar: number, endIndex: number) => boolean): number {
  let complete = 0; // tokens of everything before the current word run
  let run = 0;
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isWordChar(code)) {
      run += 1;
    } else {
      complete += Math.ceil(run / WORD_CHARS_PER_TOKEN) + charTokens(code);
      run = 0;
    }
    index += char.length;
    if (!visit(complete + Math.ceil(run / WORD_CHARS_PER_TOKEN), index)) break;
  }
  return complete + Math.ceil(run / WORD_CHARS_PER_TOKEN);
}

export function countTokens(text: string): number {
  return walk(text, () => true);
}

/** The longest prefix of `text` that fits in `maxTokens` (a reply cut off at max_tokens). */
export function cutToTokens(text: string, maxTokens: number): string {
  let end = 0;
  walk(text, (tokens, index) => {
    if (tokens > maxTokens) return false;
    end = index;
    return true;
  });
  return text.slice(0, end);
}

/** What a Messages or count_tokens request costs: the text of the system prompt and every message, and framing. */
export function countInputTokens(parts: readonly string[], messageCount: number): number {
  const text = parts.reduce((sum, part) => sum + countTokens(part), 0);
  return text + FRAMING_TOKENS.perRequest + FRAMING_TOKENS.perMessage * messageCount;
}
