import type Anthropic from '@anthropic-ai/sdk';
import { BffError } from '../../errors';
import { logger } from '../../logging/logger';
import { Deadline } from '../shared/deadline';
import type { Upstream } from '../shared/upstream';
import { countTokensCall } from './count-tokens-call';
import type { MessageRequest } from './messages-call';
import { estimateLocally, upperBoundTokens } from './token-estimate';

/** Where an input-token figure came from. */
export type TokenCountSource = 'count_tokens' | 'upper_bound';

export interface InputTokenCount {
  tokens: number;
  source: TokenCountSource;
}

export interface InputTokenCounterOptions {
  sdk: Anthropic;
  /** The count_tokens gate; absent when counting is switched off (CLAUDE_COUNT_TOKENS_PER_MINUTE=0). */
  countTokens: Upstream | undefined;
  /** The input-token budget per window. A bound above it is capped: the gate would refuse it as too large. */
  inputTokenBudget: number;
}

/** A count answers in well under a second; a gate or upstream slower than this is not worth delaying a generation for. */
const COUNT_DEADLINE_MS = 3_000;
/** Anthropic calls the count an estimate that may differ from the billed figure "by a small amount". */
const COUNT_MARGIN = 1.05;

const log = logger.child({ component: 'claude' });

/**
 * Decides how many input tokens the quota gate reserves for a Messages call: the local bound when it is tight
 * (plain ASCII prose), otherwise Anthropic's own count from count_tokens, and when that cannot be had in time,
 * the bound no tokenizer can exceed (UTF-8 bytes + framing), never a characters-based guess. The Messages call
 * settles the reservation from the `usage` Claude reports, so any over-reservation is returned right after.
 */
export class InputTokenCounter {
  constructor(private readonly options: InputTokenCounterOptions) {}

  async reservationFor(request: MessageRequest, parent: AbortSignal): Promise<number> {
    const local = estimateLocally(request);
    if (local.certain) return Math.min(local.tokens, this.options.inputTokenBudget);
    const { tokens, source } = await this.count(request, parent);
    if (source !== 'count_tokens') return tokens;
    return Math.max(tokens, Math.min(Math.ceil(tokens * COUNT_MARGIN), this.options.inputTokenBudget));
  }

  /** What Claude will count for `request`, asked of count_tokens every time; the upper bound when it fails. */
  async count(request: MessageRequest, parent: AbortSignal): Promise<InputTokenCount> {
    const { countTokens, sdk, inputTokenBudget } = this.options;
    if (countTokens) {
      const deadline = Deadline.after(COUNT_DEADLINE_MS, parent);
      try {
        return { tokens: await countTokens.execute(countTokensCall(sdk, request), deadline), source: 'count_tokens' };
      } catch (error) {
        // The caller left: there is nothing to reserve for.
        if (parent.aborted) throw error;
        log.warn('count_tokens failed: reserving the upper bound of the input tokens', {
          code: error instanceof BffError ? error.code : undefined,
        });
      } finally {
        deadline.dispose();
      }
    }
    return { tokens: Math.min(upperBoundTokens(request), inputTokenBudget), source: 'upper_bound' };
  }
}
