import type { FaultWeights } from '../shared/faults';
import { type CommonSimOptions, commonDefaults } from '../shared/options';

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

/** How the generated copy is laid out; everything but `blocks` exists to prove the BFF's parser is robust. */
export type OutputFormat = 'blocks' | 'json' | 'blocks_with_prose' | 'six_blocks' | 'empty';
/** `end_turn` lets the request decide (max_tokens, stop_sequences); the others force that stop reason. */
export type StopReasonMode = 'end_turn' | 'max_tokens' | 'refusal' | 'stop_sequence';
/** Protocol oddities the SSE docs say clients must survive. */
export type SseQuirk = 'none' | 'unknown_event' | 'event_before_message_start';
export type ShouldRetryHeader = 'omit' | 'true' | 'false';

export interface ClaudeSimOptions extends CommonSimOptions<ClaudeFaultKind, ClaudeRoute> {
  /** Model ids the simulator knows; anything else is a 404 not_found_error. */
  models: string[];
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
  /** count_tokens requests per minute, a limit of its own (Anthropic tier 1: 100). */
  countTokensPerMinute: number;
  /** Every message request gets the monthly spend-cap 429 (no retry-after; must never be retried). */
  spendCapReached: boolean;
  /** Adds `retry-after-ms` to 429s and injected retryable errors, so SDK/BFF retries in tests take ms, not s. */
  sendRetryAfterMs: boolean;
  /** The wait advertised by injected faults (`retry-after` is this rounded up to whole seconds). */
  faultRetryAfterMs: number;
  /** `x-should-retry` on every error response; the SDK obeys it over its own status rules. */
  shouldRetryHeader: ShouldRetryHeader;
  outputFormat: OutputFormat;
  stopReason: StopReasonMode;
  /** Delay between SSE events (0 writes the whole stream at once). */
  sseEventDelayMs: number;
  /** Characters of copy per content_block_delta. */
  sseChunkChars: number;
  sseQuirk: SseQuirk;
  /** Message requests are never answered (until the client gives up or the simulator closes). */
  hang: boolean;
  /** Larger bodies get Cloudflare's 413 HTML, as the real API's edge does past 32 MB. */
  maxBodyBytes: number;
}

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

export function claudeDefaults(): ClaudeSimOptions {
  return {
    ...commonDefaults('sim-claude-key'),
    faults: DEFAULT_CLAUDE_FAULTS,
    faultsByRoute: {},
    models: DEFAULT_CLAUDE_MODELS,
    // Anthropic's tier-1 limits for Sonnet, which are also the BFF's defaults.
    requestsPerMinute: 50,
    inputTokensPerMinute: 30_000,
    outputTokensPerMinute: 8_000,
    countTokensPerMinute: 100,
    spendCapReached: false,
    sendRetryAfterMs: false,
    faultRetryAfterMs: 1_000,
    shouldRetryHeader: 'omit',
    outputFormat: 'blocks',
    stopReason: 'end_turn',
    sseEventDelayMs: 0,
    sseChunkChars: 48,
    sseQuirk: 'none',
    hang: false,
    maxBodyBytes: 32 * 1024 * 1024,
  };
}

export function validateClaudeOptions(options: ClaudeSimOptions): void {
  for (const key of ['requestsPerMinute', 'inputTokensPerMinute', 'outputTokensPerMinute', 'countTokensPerMinute', 'sseChunkChars'] as const) {
    if (!(options[key] >= 1)) throw new Error(`${key} must be >= 1`);
  }
  for (const key of ['faultRetryAfterMs', 'sseEventDelayMs', 'maxBodyBytes'] as const) {
    if (!(options[key] >= 0)) throw new Error(`${key} must be >= 0`);
  }
  if (!Array.isArray(options.models) || options.models.length === 0) throw new Error('models must list at least one id');
}
