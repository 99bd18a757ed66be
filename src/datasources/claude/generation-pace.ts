/**
 * How long a generation takes once it is Claude's turn, learnt from the streams this process completed: the time
 * to the first token, the writing pace and how long a sequence typically is. The estimate's ETA is the gate's wait
 * plus this. Until streams were seen, the defaults are Claude Sonnet's published order of magnitude.
 */

/** Weight of the newest stream: follows a change within ~10 generations, shrugs off one slow stream. */
const EWMA_WEIGHT = 0.2;
/** Sonnet's time to first token for a prompt of a few thousand tokens (the demo simulator's pace too). */
const DEFAULT_TTFT_MS = 600;
/** Sonnet's output rate, tokens per second. */
const DEFAULT_TOKENS_PER_SECOND = 60;
/** A 7-touch sequence is about 1,000 output tokens. */
const DEFAULT_SEQUENCE_TOKENS = 1_000;
/** Shorter streams say little about the pace (their time is mostly latency). */
const MIN_LEARNING_TOKENS = 20;

export interface CompletedStream {
  /** From the attempt's start (the gate's grant) to its first text. */
  ttftMs: number;
  /** From the first text to the last. */
  writingMs: number;
  outputTokens: number;
  /** The share of the whole sequence the stream wrote (1, or a part's share in parallel mode). */
  share: number;
}

export class GenerationPace {
  private ttftMs = DEFAULT_TTFT_MS;
  private tokensPerSecond = DEFAULT_TOKENS_PER_SECOND;
  private sequenceTokens = DEFAULT_SEQUENCE_TOKENS;

  learn(stream: CompletedStream): void {
    if (stream.outputTokens < MIN_LEARNING_TOKENS || stream.writingMs <= 0 || stream.share <= 0) return;
    this.ttftMs = ewma(this.ttftMs, stream.ttftMs);
    this.tokensPerSecond = ewma(this.tokensPerSecond, (stream.outputTokens * 1000) / stream.writingMs);
    this.sequenceTokens = ewma(this.sequenceTokens, stream.outputTokens / stream.share);
  }

  /** Expected output of a generation writing `share` of the sequence, at most its max_tokens. */
  expectedTokens(share: number, maxTokens: number): number {
    return Math.min(maxTokens, Math.ceil(this.sequenceTokens * share));
  }

  /** Time from the gate's grant to the last token of `outputTokens`. */
  expectedMs(outputTokens: number): number {
    return this.ttftMs + (outputTokens * 1000) / this.tokensPerSecond;
  }
}

function ewma(previous: number, sample: number): number {
  return previous + EWMA_WEIGHT * (sample - previous);
}
