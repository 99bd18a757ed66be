import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A few ms of sanitising (sanitize-html runs at roughly 0.2–1 µs per character, deep nesting being the slow
 * end): small enough that nobody waits long, large enough that the extra turns cost nothing measurable.
 */
const CHARS_PER_TURN = 8_000;

/**
 * Text transformations are linear, but a body at the size limit still holds megabytes of text for them: done in
 * one go that would hold the event loop for a second or more. Work is counted in characters; before a piece that
 * would overrun the turn's share, every other request (and /healthz) gets a turn. So a turn does at most one
 * share, or one piece when a piece is larger.
 */
export class YieldBudget {
  /** Starts used up: whoever creates it has just had a turn (parsing the body, running GraphQL up to here). */
  private spent: number;

  constructor(private readonly charsPerTurn = CHARS_PER_TURN) {
    this.spent = charsPerTurn;
  }

  /** Call before transforming `chars` characters. */
  async spend(chars: number): Promise<void> {
    if (this.spent + chars > this.charsPerTurn) {
      await nextTurn();
      this.spent = 0;
    }
    this.spent += chars;
  }
}
