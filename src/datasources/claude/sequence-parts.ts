/**
 * How a 7-touch sequence is split for the parallel mode: 2 or 3 parts written by concurrent Claude calls, each
 * with the same lead data and the same plan. The split balances the expected length of each part, since the
 * longest part decides when the sequence is complete: the day-1 email is the longest touch, so it goes with the
 * subject alone; the LinkedIn note, the day-5 bump and the day 9-10 follow-up make a part of about the same
 * length; the two short last touches the third.
 */

export interface SequencePart {
  /** 1-based, in sequence order. */
  index: number;
  /** How many parts the sequence is written in (1 = the whole sequence in one call). */
  of: number;
  /** The touches (snippet numbers 1..7) this part writes, consecutive and in order. */
  touches: readonly number[];
}

export const WHOLE_SEQUENCE: SequencePart = Object.freeze({ index: 1, of: 1, touches: Object.freeze([1, 2, 3, 4, 5, 6, 7]) });

const SPLITS: Readonly<Record<2 | 3, readonly (readonly number[])[]>> = {
  2: [
    [1, 2, 3],
    [4, 5, 6, 7],
  ],
  3: [
    [1, 2],
    [3, 4, 5],
    [6, 7],
  ],
};

/**
 * Expected output of each touch relative to the others, from the writing rules: a 10-word subject, a 150-200 word
 * email, a 300-character note, two or three sentences, 80-120 words, two or three sentences, a short note.
 */
const TOUCH_WEIGHTS = [1, 25, 6, 4, 15, 4, 7];
const TOTAL_WEIGHT = TOUCH_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
/** A part may write 1.5× its expected share of max_tokens: its own room to run long, without reserving the whole max_tokens three times. */
const PART_HEADROOM = 1.5;
/** The smallest max_tokens a part is given (the configured minimum of max_tokens too). */
const MIN_PART_TOKENS = 256;

export function splitSequence(parts: 2 | 3): SequencePart[] {
  return SPLITS[parts].map((touches, i) => ({ index: i + 1, of: parts, touches }));
}

/** The share of the sequence's output a part is expected to write. */
export function outputShare(part: SequencePart): number {
  return part.touches.reduce((sum, touch) => sum + TOUCH_WEIGHTS[touch - 1]!, 0) / TOTAL_WEIGHT;
}

/** max_tokens of a part: its share of the configured max_tokens with headroom; the whole sequence gets all of it. */
export function partMaxTokens(part: SequencePart, maxTokens: number): number {
  if (part.of === 1) return maxTokens;
  return Math.min(maxTokens, Math.max(MIN_PART_TOKENS, Math.ceil(maxTokens * outputShare(part) * PART_HEADROOM)));
}
