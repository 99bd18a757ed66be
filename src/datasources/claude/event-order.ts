import type { SnippetText } from './block-stream-parser';
import type { GenerationEvent } from './generation-events';
import type { SequencePart } from './sequence-parts';

type Emit = (event: GenerationEvent) => void;

interface PartState {
  part: SequencePart;
  /** Deltas of the running attempt not shown yet: a later part waits for the parts before it. */
  held: SnippetText[];
  /** Marks the running attempt as shown (AttemptContext.commit), once its text reached the client. */
  commit: (() => void) | undefined;
  /** Some of this part's text reached the client: its attempt can no longer be retried or re-asked. */
  shown: boolean;
  /** Its touches whose block is complete (of the text shown). */
  closed: readonly number[];
  done: boolean;
}

/**
 * Puts what the parts of a generation report into the order the client must see: `queued` only before Claude
 * started, `started` once, then the deltas in snippet order 1..7. In parallel mode the parts are written at the
 * same time; a part's deltas are held until every part before it is complete, then shown at once. Held text was
 * not shown, so its attempt may still be retried; the first delta shown commits the attempt that wrote it. In
 * mutation mode (`live` false) no delta is shown at all, so every attempt stays retryable, as the mutation always was.
 */
export class EventOrder {
  private readonly parts: PartState[];
  private head = 0;
  private started = false;

  constructor(
    parts: readonly SequencePart[],
    private readonly live: boolean,
    private readonly emit: Emit,
  ) {
    this.parts = parts.map((part) => ({ part, held: [], commit: undefined, shown: false, closed: [], done: false }));
  }

  /** The gate's report for the first part: later parts start with it, and after `started` a retry's wait is not news. */
  queued(partIndex: number, position: number, waitMs: number): void {
    if (this.started || partIndex !== 0) return;
    this.emit({ kind: 'queued', position, etaSeconds: waitMs / 1000 });
  }

  /** An attempt of the part started (Claude's message_start): text held from an earlier attempt is void. */
  attemptStarted(partIndex: number, model: string): void {
    const state = this.parts[partIndex]!;
    if (!state.shown) {
      state.held = [];
      state.closed = [];
    }
    if (this.started) return;
    this.started = true;
    this.emit({ kind: 'started', model });
  }

  /** Text of the part's running attempt; `closed` are the part's touches complete so far. */
  text(partIndex: number, deltas: readonly SnippetText[], closed: readonly number[], commit: () => void): void {
    if (!this.live) return;
    const state = this.parts[partIndex]!;
    state.commit = commit;
    if (partIndex !== this.head) {
      state.held.push(...deltas);
      state.closed = closed;
      return;
    }
    this.show(state, deltas);
    state.closed = closed;
  }

  /** The part is complete and valid: the next part's held text can be shown. */
  partDone(partIndex: number): void {
    const state = this.parts[partIndex]!;
    state.done = true;
    state.closed = state.part.touches;
    while (this.parts[this.head]?.done && this.head < this.parts.length - 1) {
      this.head += 1;
      const next = this.parts[this.head]!;
      this.show(next, next.held);
      next.held = [];
    }
  }

  /** Whether any of the part's text reached the client (its attempt is then final). */
  shown(partIndex: number): boolean {
    return this.parts[partIndex]!.shown;
  }

  /** The touches whose complete text the client has seen. */
  completedSnippets(): number[] {
    return this.parts.slice(0, this.head + 1).flatMap((state) => (state.shown || state.done ? [...state.closed] : []));
  }

  private show(state: PartState, deltas: readonly SnippetText[]): void {
    if (deltas.length === 0) return;
    if (!state.shown) {
      state.shown = true;
      state.commit?.();
    }
    for (const { snippet, text } of deltas) this.emit({ kind: 'delta', snippet, text });
  }
}
