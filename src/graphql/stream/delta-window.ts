import type { Clock, Timer } from '../../datasources/shared/clock';

export interface SnippetText {
  snippet: number;
  text: string;
}

/** At most one batch of text per window: a few events per second per stream instead of one per Claude token. */
export const DELTA_WINDOW_MS = 50;

/**
 * Coalesces text deltas into windows. The first delta after a quiet spell goes out at once (it is what the user waits
 * for); the ones arriving in the window it opens are held and sent together when the window ends, the text of one
 * snippet joined, snippets in order. So no text waits longer than one window. `flush` sends what is held now (before
 * any event that is not text, which must not overtake it).
 */
export class DeltaWindow {
  private held: SnippetText[] = [];
  private timer: Timer | undefined;

  constructor(
    private readonly send: (delta: SnippetText) => void,
    private readonly clock: Clock,
    private readonly windowMs = DELTA_WINDOW_MS,
  ) {}

  add(delta: SnippetText): void {
    if (delta.text === '') return;
    if (!this.timer) {
      this.send(delta);
      this.open();
      return;
    }
    const last = this.held[this.held.length - 1];
    if (last?.snippet === delta.snippet) last.text += delta.text;
    else this.held.push({ ...delta });
  }

  /** Sends what is held and closes the window, so the next delta goes out at once. */
  flush(): void {
    this.close();
    this.sendHeld();
  }

  /** Drops the window's timer without sending (the stream is gone). */
  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private open(): void {
    this.timer = this.clock.schedule(this.windowMs, () => {
      this.timer = undefined;
      if (this.held.length === 0) return;
      this.sendHeld();
      // Text just went out: what arrives next waits for the end of a new window.
      this.open();
    });
  }

  private sendHeld(): void {
    const held = this.held;
    this.held = [];
    for (const delta of held) this.send(delta);
  }
}
