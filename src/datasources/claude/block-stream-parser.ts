/**
 * Claude's streamed text → the text of each of the 7 touches as it arrives, for the `---BLOCK---` format the
 * prompt asks for (parse-output.ts reads the whole answer; this reads it a delta at a time and agrees with it).
 *
 * Each delta is the raw block text as Claude writes it, trimmed like the final parse trims a block: leading
 * white space of a block is dropped and trailing white space is held back until more text follows, so the deltas
 * of one snippet concatenate to exactly that block. Text before the first delimiter (a preamble) and after the
 * `---END---` line (or after the closing fence of a fenced answer) is not part of any block. Empty blocks are
 * skipped, as the final parse drops them. Fence lines are dropped. Nothing is emitted past the 7th block: a
 * longer answer fails the final parse anyway. The final `GeneratedContent` still comes from parse-output.ts; these
 * deltas are the live preview of it.
 *
 * Whatever may still turn into a delimiter, an end marker or a fence line (a run of dashes, a line starting with a
 * backtick, a lone `\r`) is held until the next chunk decides it, so every chunk boundary gives the same result.
 * The held part is at most one line, and Claude's answer is bounded by max_tokens.
 */

export interface SnippetText {
  /** 1..7 */
  snippet: number;
  text: string;
}

const SNIPPETS = 7;
const FENCE_LINE = /^```[\w-]*[ \t]*$/;
const BLANK = /[ \t]/;
/** Characters that may start structure or white space; everything else is plain content. */
const SPECIAL = /[\r\n \t`-]/;

type Scan = { kind: 'undecided' } | { kind: 'content' | 'delimiter' | 'end'; length: number };

export class BlockStreamParser {
  private pending = '';
  private ended = false;
  private done = false;
  /** A delimiter has been seen: text now belongs to blocks, not to the preamble. */
  private inBlocks = false;
  /** Non-empty blocks started so far; the current one is `opened` when it has had content. */
  private started = 0;
  private opened = false;
  private heldWhitespace = '';
  private atLineStart = true;
  private fence: 'none' | 'open' | 'closed' = 'none';
  private delimiterInsideFence = false;
  private readonly closed: number[] = [];
  private out: SnippetText[] = [];

  /** Feeds the next chunk; returns the text it completed, per snippet, in order. */
  push(chunk: string): SnippetText[] {
    this.pending += chunk;
    this.scan();
    return this.take();
  }

  /** The stream is over: whatever was held is decided now. */
  end(): SnippetText[] {
    this.ended = true;
    this.scan();
    this.closeBlock();
    return this.take();
  }

  /** Snippets whose block is finished (a delimiter, the end marker or the end of the stream followed it). */
  completedSnippets(): number[] {
    return [...this.closed];
  }

  /** Whether any `---BLOCK---` delimiter was seen: false for a JSON answer or one without blocks. */
  get sawBlocks(): boolean {
    return this.inBlocks;
  }

  private take(): SnippetText[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private scan(): void {
    let i = 0;
    const text = this.pending;
    while (i < text.length && !this.done) {
      const c = text[i]!;
      if (c === '\r') {
        if (i + 1 === text.length && !this.ended) break; // a \r\n may be split across chunks
        this.whitespace('\n');
        i += text[i + 1] === '\n' ? 2 : 1;
      } else if (c === '\n') {
        this.whitespace('\n');
        i += 1;
      } else if (BLANK.test(c)) {
        // Blanks keep a line "at its start": the end marker and fence lines may be indented.
        this.heldWhitespaceAppend(c);
        i += 1;
      } else if (c === '-') {
        const scan = this.scanDashes(text, i);
        if (scan.kind === 'undecided') break;
        if (scan.kind === 'end') this.finish();
        else if (scan.kind === 'delimiter') this.delimiter();
        else this.content(text.slice(i, i + scan.length));
        i += scan.kind === 'end' ? text.length - i : scan.length;
        this.atLineStart = false;
      } else if (c === '`' && this.atLineStart) {
        const eol = text.indexOf('\n', i);
        if (eol < 0 && !this.ended) break;
        const lineEnd = eol < 0 ? text.length : eol;
        const line = text.slice(i, lineEnd).replace(/\r$/, '');
        if (FENCE_LINE.test(line)) {
          this.fenceLine();
          i = lineEnd; // its newline stays, as the final parse keeps it
        } else {
          this.content(text.slice(i, lineEnd));
          i = lineEnd;
          this.atLineStart = false;
        }
      } else {
        let j = i + 1;
        while (j < text.length && !SPECIAL.test(text[j]!)) j += 1;
        this.content(text.slice(i, j));
        i = j;
        this.atLineStart = false;
      }
    }
    this.pending = this.done ? '' : text.slice(i);
  }

  /**
   * At a dash: a delimiter (`-{3,}[ \t]*BLOCK[ \t]*-{3,}`, anywhere in a line, case-insensitive, greedy at both
   * ends), an end marker (a whole line `-{3,}[ \t]*END[ \t]*-{3,}`), or plain content — the whole run of dashes,
   * since no start inside a run can match where its first dash did not.
   */
  private scanDashes(text: string, i: number): Scan {
    const undecided: Scan = { kind: 'undecided' };
    const dashesEnd = skip(text, i, '-');
    if (dashesEnd === text.length && !this.ended) return undecided;
    const content: Scan = { kind: 'content', length: dashesEnd - i };
    if (dashesEnd - i < 3) return content;
    const wordAt = skipBlanks(text, dashesEnd);
    if (wordAt === text.length && !this.ended) return undecided;
    const candidates = this.atLineStart ? ['BLOCK', 'END'] : ['BLOCK'];
    for (const word of candidates) {
      const found = text.slice(wordAt, wordAt + word.length).toUpperCase();
      if (found.length < word.length && !this.ended && word.startsWith(found)) return undecided;
      if (found !== word) continue;
      const closingAt = skipBlanks(text, wordAt + word.length);
      if (closingAt === text.length && !this.ended) return undecided;
      const closingEnd = skip(text, closingAt, '-');
      if (closingEnd === text.length && !this.ended) return undecided;
      if (closingEnd - closingAt < 3) continue;
      if (word === 'BLOCK') return { kind: 'delimiter', length: closingEnd - i };
      const lineEnd = skipBlanks(text, closingEnd);
      if (lineEnd === text.length && !this.ended) return undecided;
      if (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r') return { kind: 'end', length: lineEnd - i };
    }
    return content;
  }

  private whitespace(newline: '\n'): void {
    this.heldWhitespaceAppend(newline);
    this.atLineStart = true;
  }

  private heldWhitespaceAppend(c: string): void {
    if (this.inBlocks && this.opened) this.heldWhitespace += c;
  }

  private content(text: string): void {
    if (!this.inBlocks) return;
    if (!this.opened) {
      this.started += 1;
      this.opened = true;
      this.heldWhitespace = '';
    }
    if (this.started <= SNIPPETS) this.emit(this.started, this.heldWhitespace + text);
    this.heldWhitespace = '';
  }

  private emit(snippet: number, text: string): void {
    const last = this.out[this.out.length - 1];
    if (last && last.snippet === snippet) last.text += text;
    else this.out.push({ snippet, text });
  }

  private delimiter(): void {
    this.closeBlock();
    this.inBlocks = true;
    if (this.fence === 'open') this.delimiterInsideFence = true;
  }

  private closeBlock(): void {
    if (this.opened && this.started <= SNIPPETS) this.closed.push(this.started);
    this.opened = false;
    this.heldWhitespace = '';
  }

  /** The first fenced pair that holds the blocks is the whole answer: what follows its closing fence is not. */
  private fenceLine(): void {
    if (this.fence === 'none') {
      this.fence = 'open';
    } else if (this.fence === 'open') {
      this.fence = 'closed';
      if (this.delimiterInsideFence) this.finish();
    }
  }

  private finish(): void {
    this.closeBlock();
    this.done = true;
  }
}

function skip(text: string, from: number, char: string): number {
  let i = from;
  while (i < text.length && text[i] === char) i += 1;
  return i;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && BLANK.test(text[i]!)) i += 1;
  return i;
}
