import { z } from 'zod';
import type { FaultWeights } from '../shared/faults';
import { commonOptionShape, faultOptionShape, parseOptions } from '../shared/options';

export const CLAUDE_FAULT_KINDS = [
  'rate_limited',
  'server_error',
  'overloaded',
  'unavailable',
  'reset',
  'slow',
  'malformed',
  'html',
  'stream_error',
  'truncated_stream',
] as const;
export type ClaudeFaultKind = (typeof CLAUDE_FAULT_KINDS)[number];

export const CLAUDE_ROUTES = ['messages', 'count_tokens', 'models', 'files'] as const;
export type ClaudeRoute = (typeof CLAUDE_ROUTES)[number];

/** The mix a plain `faultRate` draws from: the transient failures a client must retry through. */
export const DEFAULT_CLAUDE_FAULTS: FaultWeights<ClaudeFaultKind> = {
  rate_limited: 2,
  server_error: 2,
  overloaded: 3,
  unavailable: 1,
  reset: 1,
  slow: 1,
};

export const DEFAULT_CLAUDE_MODELS = [
  'claude-sonnet-5',
  'claude-opus-5',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-haiku-4-5-20251001',
  'claude-opus-4-5',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-20250929',
];

const perMinute = (fallback: number) => z.number().min(1).default(fallback);

/** Every knob of the Claude simulator, with its default; `configure` checks a change against the same schema. */
export const claudeOptionsSchema = z.strictObject({
  ...commonOptionShape('sim-claude-key'),
  ...faultOptionShape(CLAUDE_FAULT_KINDS, CLAUDE_ROUTES, DEFAULT_CLAUDE_FAULTS),
  /** Model ids the simulator knows; anything else is a 404 not_found_error. */
  models: z.array(z.string().min(1)).min(1, 'must list at least one id').default(() => [...DEFAULT_CLAUDE_MODELS]),
  // Anthropic's tier-1 limits for Sonnet, which are also the BFF's defaults.
  requestsPerMinute: perMinute(50),
  inputTokensPerMinute: perMinute(30_000),
  outputTokensPerMinute: perMinute(8_000),
  /** count_tokens requests per minute, a limit of its own (Anthropic tier 1: 100). */
  countTokensPerMinute: perMinute(100),
  /** Every message request gets the monthly spend-cap 429 (no retry-after; must never be retried). */
  spendCapReached: z.boolean().default(false),
  /** Adds `retry-after-ms` to 429s and injected retryable errors, so SDK/BFF retries in tests take ms, not s. */
  sendRetryAfterMs: z.boolean().default(false),
  /** The wait advertised by injected faults (`retry-after` is this rounded up to whole seconds). */
  faultRetryAfterMs: z.number().min(0).default(1_000),
  /** `x-should-retry` on every error response; the SDK obeys it over its own status rules. */
  shouldRetryHeader: z.enum(['omit', 'true', 'false']).default('omit'),
  /** How the generated copy is laid out; everything but `blocks` exists to prove the BFF's parser is robust. */
  outputFormat: z.enum(['blocks', 'json', 'blocks_with_prose', 'six_blocks', 'empty']).default('blocks'),
  /** `end_turn` lets the request decide (max_tokens, stop_sequences); the others force that stop reason. */
  stopReason: z.enum(['end_turn', 'max_tokens', 'refusal', 'stop_sequence']).default('end_turn'),
  /** Delay between SSE events (0 writes the whole stream at once). */
  sseEventDelayMs: z.number().min(0).default(0),
  /**
   * Claude's pace, in the simulator's own token count: the first text this long after `message_start` (a JSON
   * answer: this long before it), then `tokensPerSecond`. 0 = no pacing (tests); demo mode sets real Sonnet's
   * pace (about 600 ms and 60 tokens/s).
   */
  ttftMs: z.number().min(0).default(0),
  tokensPerSecond: z.number().min(0).default(0),
  /** Where a planned break (stream_error, truncated_stream, malformed, reset) cuts a stream: the share of deltas sent before it. */
  streamBreakAfter: z.number().min(0).max(1).default(0.5),
  /** Characters of copy per content_block_delta. */
  sseChunkChars: z.number().int().min(1).default(48),
  /** Protocol oddities the SSE docs say clients must survive. */
  sseQuirk: z.enum(['none', 'unknown_event', 'event_before_message_start']).default('none'),
  /** Message requests are never answered (until the client gives up or the simulator closes). */
  hang: z.boolean().default(false),
  /** Larger bodies get Cloudflare's 413 HTML, as the real API's edge does past 32 MB. */
  maxBodyBytes: z.number().int().min(0).default(32 * 1024 * 1024),
});

export type ClaudeSimOptions = z.output<typeof claudeOptionsSchema>;
export type OutputFormat = ClaudeSimOptions['outputFormat'];
export type StopReasonMode = ClaudeSimOptions['stopReason'];
export type SseQuirk = ClaudeSimOptions['sseQuirk'];
export type ShouldRetryHeader = ClaudeSimOptions['shouldRetryHeader'];

/** The whole option set from a partial one; throws on an unknown key or a bad value. */
export function claudeOptions(input: Partial<ClaudeSimOptions> = {}): ClaudeSimOptions {
  return parseOptions(claudeOptionsSchema, input);
}
