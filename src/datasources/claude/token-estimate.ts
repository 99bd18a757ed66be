/**
 * Local bounds on the input tokens Claude will bill for a request, so the quota gate reserves at least that
 * much. What they rest on: a token is at least one byte of UTF-8, so no text costs more tokens than it has
 * bytes; English prose averages 3.5–4 characters per token; other scripts cost far more per character (CJK is
 * often one token per character or more, where "characters / 3.5" would reserve under a third of it).
 *
 * `estimateLocally` says whether its bound is *tight* (`certain`): plain ASCII prose, where the bound is at
 * most ~1.6× the real count. For anything else (many non-ASCII characters, dense symbols, identifier-like
 * runs, very long text) the bound is still safe but loose, and a count_tokens call gives the real number.
 */

export interface CountableRequest {
  system: string;
  messages: readonly { content: string | readonly ({ type: 'text'; text: string } | { type: 'image' | 'document' })[] }[];
}

export interface LocalEstimate {
  /** Never below what Claude will count, for any tokenizer whose tokens are whole UTF-8 bytes or more. */
  tokens: number;
  /** The bound is tight enough to reserve as is; otherwise ask count_tokens. */
  certain: boolean;
}

/** Role markers and turn separators Anthropic adds; generous (the real overhead is a handful of tokens). */
const FRAMING = { perRequest: 16, perMessage: 8 };
/** English word pieces average ~4 bytes; 3 per token (a word with its leading space) leaves a margin. */
const BYTES_PER_WORD_TOKEN = 3;
/** Letter runs longer than this are identifiers, hashes or base64 rather than words: counted by bytes. */
const MAX_WORD_CHARS = 24;
/** An all-capitals run up to this long is an acronym (ROI, SAAS); longer, or mixed case, is not a word. */
const MAX_ACRONYM_CHARS = 5;
/** More non-ASCII characters than this and the bytes bound over-reserves enough to be worth a count. */
const MAX_UNCOUNTED_NON_ASCII = 32;
/** Above this share of bytes-counted characters (symbols, identifiers) the bound is loose: ask. */
const MAX_LOOSE_SHARE = 0.25;
/** Long prompts: the bound's slack (up to ~60%) would hold back thousands of tokens of budget. */
const MAX_UNCOUNTED_CHARS = 16_000;
/**
 * What an image can cost at most: Claude scales larger images down to about 1.15 megapixels, about 1,600 tokens.
 * A PDF has no such bound (every page is text plus an image), so a request with one is never estimated locally,
 * and its fallback bound is the whole input budget (capped by the caller).
 */
const IMAGE_UPPER_BOUND = 1_600;

interface TextTally {
  tokens: number;
  chars: number;
  nonAscii: number;
  /** ASCII characters counted one token each: symbols, digits, identifier-like runs. */
  loose: number;
}

function isUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

function isLetter(code: number): boolean {
  return isUpper(code) || (code >= 0x61 && code <= 0x7a);
}

function utf8Bytes(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

/**
 * One pass over the text: a word (a run of ASCII letters with the space before it) costs
 * max(1, ⌈bytes / 3⌉); a run that is not a word (too long, or mixed case like identifiers and base64, which
 * tokenize at 1.5–2.5 characters per token) costs its bytes; a space that does not precede a word, every
 * other ASCII character (punctuation, digits, newlines) and every byte of a non-ASCII character cost one
 * token each.
 */
function tally(text: string, into: TextTally): void {
  let run = 0;
  let uppers = 0;
  let upperInside = false;
  let spaced = false;
  const endWord = (): void => {
    if (run === 0) return;
    const bytes = run + (spaced ? 1 : 0);
    const acronym = uppers === run && run <= MAX_ACRONYM_CHARS;
    if (run > MAX_WORD_CHARS || (upperInside && !acronym)) {
      into.tokens += bytes;
      into.loose += run;
    } else {
      into.tokens += Math.max(1, Math.ceil(bytes / BYTES_PER_WORD_TOKEN));
    }
    run = 0;
    uppers = 0;
    upperInside = false;
    spaced = false;
  };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    into.chars += 1;
    if (isLetter(code)) {
      if (isUpper(code)) {
        uppers += 1;
        upperInside ||= run > 0;
      }
      run += 1;
      continue;
    }
    endWord();
    if (code === 0x20) {
      // A pending space is paid for here unless a word follows and takes it in.
      if (spaced) into.tokens += 1;
      spaced = true;
      continue;
    }
    if (spaced) into.tokens += 1;
    spaced = false;
    if (code < 0x80) {
      into.tokens += 1;
      into.loose += 1;
    } else {
      into.tokens += utf8Bytes(code);
      into.nonAscii += 1;
    }
  }
  endWord();
  if (spaced) into.tokens += 1;
}

/**
 * The output tokens of `text` as Claude wrote it, by the same rules as a prompt's bound and without framing: what
 * a generation cut short is charged for when Claude did not say (its usage comes at the end of a stream).
 */
export function textTokensAtMost(text: string): number {
  const total: TextTally = { tokens: 0, chars: 0, nonAscii: 0, loose: 0 };
  tally(text, total);
  return total.tokens;
}

function framing(request: CountableRequest): number {
  return FRAMING.perRequest + FRAMING.perMessage * request.messages.length;
}

function textsOf(request: CountableRequest): string[] {
  const texts = [request.system];
  for (const { content } of request.messages) {
    if (typeof content === 'string') texts.push(content);
    else for (const block of content) if (block.type === 'text') texts.push(block.text);
  }
  return texts;
}

function filesOf(request: CountableRequest): ('image' | 'document')[] {
  return request.messages.flatMap(({ content }) =>
    typeof content === 'string' ? [] : content.flatMap((block) => (block.type === 'text' ? [] : [block.type])),
  );
}

export function estimateLocally(request: CountableRequest): LocalEstimate {
  const total: TextTally = { tokens: framing(request), chars: 0, nonAscii: 0, loose: 0 };
  for (const text of textsOf(request)) tally(text, total);
  const certain =
    filesOf(request).length === 0 &&
    total.nonAscii <= MAX_UNCOUNTED_NON_ASCII &&
    total.chars <= MAX_UNCOUNTED_CHARS &&
    total.loose <= total.chars * MAX_LOOSE_SHARE;
  return { tokens: total.tokens, certain };
}

/**
 * One token per UTF-8 byte plus framing, plus what each file can cost: what no tokenizer can exceed. The fallback
 * when counting fails. Infinity with a PDF: the caller caps it at the input budget.
 */
export function upperBoundTokens(request: CountableRequest): number {
  const text = textsOf(request).reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), framing(request));
  return filesOf(request).reduce((sum, kind) => sum + (kind === 'image' ? IMAGE_UPPER_BOUND : Infinity), text);
}
