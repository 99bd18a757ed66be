import { ownEntry } from '../../domain/own-entry';
import { normalizeHtmlSnippet, toPlainTextSnippet } from '../../domain/snippets';
import type { Snippets } from './models';

/**
 * Claude's text → the 7 Woodpecker snippets, as tolerant as the app's Phase 1 parser was: `---BLOCK---` blocks
 * (prose before the first delimiter, CRLF, code fences and empty blocks are tolerated) or a JSON object with
 * snippet1..snippet7. Prose after the 7th block is dropped when it follows the `---END---` line the prompt asks
 * for, or a closing code fence; otherwise it cannot be told apart from the break-up email and stays in it (the
 * prompt asks for none). 6 or 8 blocks fail: a block too many or too few shifts every touch into the wrong field.
 */

export type ParsedAnswer = ParsedPart<Snippets>;

/** A whole sequence (Snippets) or one part of it (some of the snippets). */
export type ParsedPart<S extends Partial<Snippets> = Partial<Snippets>> =
  /** `blocks`: each snippet's raw text, trimmed, in order (what a stream shows as it arrives). */
  | { ok: true; snippets: S; blocks: string[] }
  /**
   * `problem` is our own wording (logged, and quoted in the corrective turn, so never model or user text);
   * `reaskable` is false when asking again cannot help.
   */
  | { ok: false; problem: string; reaskable: boolean };

const SNIPPET_KEYS = ['snippet1', 'snippet2', 'snippet3', 'snippet4', 'snippet5', 'snippet6', 'snippet7'] as const;
const ALL_TOUCHES: readonly number[] = [1, 2, 3, 4, 5, 6, 7];
const PLAIN_TEXT_KEYS: ReadonlySet<string> = new Set(['snippet1', 'snippet3']);

/** Stop reasons after which the copy is incomplete or absent, whatever the text looks like. */
const UNUSABLE_STOPS: Readonly<Record<string, { problem: string; reaskable: boolean }>> = {
  max_tokens: { problem: 'it was cut off at the output length limit', reaskable: true },
  refusal: { problem: 'Claude declined to write it', reaskable: false },
  // A re-ask would add the first answer to an input that already did not fit.
  model_context_window_exceeded: { problem: 'the request did not fit the model context window', reaskable: false },
};

// Claude's text is untrusted input (a prompt can ask for any output), so every pattern here is linear: the
// lookbehind lets a delimiter start only at the first dash of a run, where `-{3,}` alone would rescan a long run of
// dashes from each of its positions.
const DELIMITER = /(?<!-)-{3,}[ \t]*BLOCK[ \t]*-{3,}/i;
const DELIMITERS = new RegExp(DELIMITER.source, 'gi');
const END_MARKER = /^[ \t]*-{3,}[ \t]*END[ \t]*-{3,}[ \t]*$/im;
const FENCE_OPENING = /```[\w-]*[ \t]*\n/;
const FENCE_CLOSING = /\n[ \t]*```/g;
const FENCE_LINES = /^[ \t]*```[\w-]*[ \t]*$/gm;
const LABELS: Readonly<Record<string, RegExp>> = {
  snippet1: /^[*_]*(?:email\s+)?subject(?:\s+line)?\s*:[*_]*\s*/i,
  snippet3: /^[*_]*linkedin(?:\s+(?:connection\s+)?(?:message|note|request))?\s*:[*_]*\s*/i,
};
const WRAPPING_QUOTES = /^["'“‘](.*)["'”’]$/;

export function parseClaudeAnswer(text: string, stopReason: string | null | undefined): ParsedAnswer {
  return parseSequencePart(text, stopReason, ALL_TOUCHES) as ParsedAnswer;
}

/**
 * The answer to a request for some touches of the sequence (`touches`, 1..7 in order; all 7 for the whole
 * sequence): exactly that many blocks (or a JSON object with exactly those snippet keys), each non-empty.
 */
export function parseSequencePart(text: string, stopReason: string | null | undefined, touches: readonly number[]): ParsedPart {
  const unusable = stopReason ? ownEntry(UNUSABLE_STOPS, stopReason) : undefined;
  if (unusable) return { ok: false, ...unusable };

  const keys = touches.map((touch) => SNIPPET_KEYS[touch - 1]!);
  const parts = splitAnswer(text.replace(/\r\n?/g, '\n'), keys);
  if (!parts) {
    const problem = `it contained neither ---BLOCK--- blocks nor a JSON object with ${keys[0]} to ${keys[keys.length - 1]}`;
    return { ok: false, problem, reaskable: true };
  }
  if (parts.length !== keys.length) {
    return { ok: false, problem: `it had ${parts.length} blocks instead of ${keys.length}`, reaskable: true };
  }
  const snippets: Partial<Snippets> = {};
  for (const [i, key] of keys.entries()) {
    snippets[key] = toSnippet(key, parts[i] ?? '');
    if (snippets[key] === '') return { ok: false, problem: `block ${i + 1} was empty`, reaskable: true };
  }
  return { ok: true, snippets, blocks: parts };
}

/**
 * The raw text of each block in order (newlines already normalised), or undefined when the answer has neither
 * format. A JSON answer is read for `keys`.
 */
export function splitAnswer(text: string, keys: readonly SnippetKey[] = SNIPPET_KEYS): string[] | undefined {
  // A fence around the whole answer (blocks or JSON) marks where it ends; stray fence lines are just dropped.
  const fenced = fencedContent(text);
  const answerIsFenced = fenced !== undefined && (DELIMITER.test(fenced) || fenced.trimStart().startsWith('{'));
  const source = answerIsFenced ? fenced : text.replace(FENCE_LINES, '');
  if (DELIMITER.test(source)) {
    // Whatever precedes the first delimiter is preamble ("Here is your sequence:"), whatever follows the end
    // marker an epilogue ("Let me know if…").
    const endAt = source.search(END_MARKER);
    return (endAt < 0 ? source : source.slice(0, endAt))
      .split(DELIMITERS)
      .slice(1)
      .map((block) => block.trim())
      .filter(Boolean);
  }
  return snippetsFromJson(source, keys);
}

/**
 * What the first fenced block holds: from the first fence opening to the next closing fence. One regex with a
 * lazy body would look for a closing after every opening in turn, which is quadratic when none closes; the
 * first opening has the earliest end, so if any opening has a closing after it, the first one does.
 */
function fencedContent(text: string): string | undefined {
  const opening = FENCE_OPENING.exec(text);
  if (!opening) return undefined;
  const contentStart = opening.index + opening[0].length;
  FENCE_CLOSING.lastIndex = contentStart;
  const closing = FENCE_CLOSING.exec(text);
  return closing ? text.slice(contentStart, closing.index) : undefined;
}

function snippetsFromJson(text: string, keys: readonly SnippetKey[]): string[] | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !keys.some((key) => Object.hasOwn(parsed, key))) return undefined;
  const record = parsed as Record<string, unknown>;
  return keys.map((key) => {
    const value = record[key];
    return typeof value === 'string' ? value.trim() : '';
  });
}

type SnippetKey = (typeof SNIPPET_KEYS)[number];

function toSnippet(key: SnippetKey, raw: string): string {
  if (!PLAIN_TEXT_KEYS.has(key)) return normalizeHtmlSnippet(raw);
  const label = LABELS[key];
  const line = toPlainTextSnippet(raw);
  const unlabelled = label ? line.replace(label, '') : line;
  return (WRAPPING_QUOTES.exec(unlabelled)?.[1] ?? unlabelled).trim();
}
