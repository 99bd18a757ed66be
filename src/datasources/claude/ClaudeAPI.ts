import type Anthropic from '@anthropic-ai/sdk';
import type { ClaudeConfig, Config, ResilienceConfig } from '../../config';
import { PriceBook } from '../../usage/price-book';
import type { ClaudeUsageRecorder } from '../../usage/usage-accounting';
import { Deadline } from '../shared/deadline';
import type { Upstream } from '../shared/upstream';
import { createClaudeSdk } from './claude-client';
import { ContentCache, type ContentCacheStore } from './content-cache';
import { EventChannel } from './event-channel';
import type { GenerationEvent } from './generation-events';
import { likelyCost, planGeneration } from './generation-plan';
import { GenerationPace } from './generation-pace';
import { runGeneration } from './generation';
import { InputTokenCounter } from './input-tokens';
import type { GenerateContentRequest, GeneratedContentModel, GenerationEstimateModel } from './models';
import { outputShare } from './sequence-parts';

/** The process-wide part of the Claude data source. */
export interface ClaudeShared {
  upstream: Upstream;
  sdk: Anthropic;
  /** How many input tokens the gate reserves per call (count_tokens through its own gate when unsure). */
  inputTokens: InputTokenCounter;
  config: ClaudeConfig;
  deadlines: ResilienceConfig['deadlines'];
  /** LOG_CONTENT (development only): log prompts and copy themselves, not just their length and hash. */
  logContent: boolean;
  /** Told about every call Claude bills (usage accounting); data-source tests leave it out. */
  usage?: ClaudeUsageRecorder;
  /** A caller's identical generations within the TTL; absent when the TTL is 0 or no store was given. */
  contentCache?: ContentCache;
  /** How long generations take once it is Claude's turn, learnt from completed streams (the estimate's ETA). */
  pace: GenerationPace;
  /** The configured list prices (the estimate's cost range). */
  prices: PriceBook;
}

export interface ClaudeSharedExtras {
  usage?: ClaudeUsageRecorder;
  /** The count_tokens runtime; without it, uncertain prompts reserve the upper bound (data-source tests). */
  countTokens?: Upstream;
  /** Where the content cache lives (memory or Redis); without it there is no content cache. */
  contentCacheStore?: ContentCacheStore;
}

export function createClaudeShared(
  config: Config,
  upstream: Upstream,
  { usage, countTokens, contentCacheStore }: ClaudeSharedExtras = {},
): ClaudeShared {
  const sdk = createClaudeSdk(config.claude);
  const { ttlMs } = config.claude.contentCache;
  return {
    upstream,
    sdk,
    inputTokens: new InputTokenCounter({ sdk, countTokens, inputTokenBudget: config.claude.limits.inputTokensPerMinute }),
    config: config.claude,
    deadlines: config.resilience.deadlines,
    logContent: config.log.content,
    usage,
    contentCache: contentCacheStore && ttlMs > 0 ? new ContentCache(contentCacheStore, ttlMs) : undefined,
    pace: new GenerationPace(),
    prices: new PriceBook(config.claudePricing),
  };
}

/** A generation's events; `return()` (the reader leaving: graphql-js calls it on unsubscribe) cancels it. */
export type GenerationStream = AsyncIterableIterator<GenerationEvent> & Required<Pick<AsyncIterator<GenerationEvent>, 'return'>>;

/**
 * The Claude data source, built per request over the shared SDK client and upstream runtime. Both the mutation
 * and the stream run one engine (generation.ts): the cache, the parallel mode, retries and accounting are the
 * same; the stream shows the text as it arrives, the mutation returns the result.
 */
export class ClaudeAPI {
  /**
   * @param requestSignal aborts when the client disconnects (or unsubscribes): the generation is cancelled
   * @param callerId whose request it is: the content cache is per caller, and usage is recorded under it
   */
  constructor(
    private readonly shared: ClaudeShared,
    private readonly requestSignal?: AbortSignal,
    private readonly callerId?: string,
  ) {}

  /** Writes the 7-touch sequence for one lead, within the generate deadline (the mutation). */
  async generate(request: GenerateContentRequest): Promise<GeneratedContentModel> {
    let last: GenerationEvent | undefined;
    await runGeneration({ shared: this.shared, request, callerId: this.callerId, live: false, signal: this.requestSignal }, (event) => {
      last = event;
    });
    if (last?.kind === 'completed') return last.content;
    if (last?.kind === 'failed') throw last.error;
    throw new Error('a generation ended without completing or failing');
  }

  /**
   * The same generation as events, as Claude writes it (see generation-events.ts). It starts on the first
   * `next()`; the request signal aborting, or the reader leaving (`return()`), cancels it: a queued generation
   * leaves the queue, a running one aborts Claude's stream and is accounted for what it used.
   */
  generateStream(request: GenerateContentRequest): GenerationStream {
    const left = new AbortController();
    const signal = this.requestSignal ? AbortSignal.any([this.requestSignal, left.signal]) : left.signal;
    return new EventChannel<GenerationEvent>(
      (channel) => {
        void runGeneration({ shared: this.shared, request, callerId: this.callerId, live: true, signal }, (event) => channel.push(event)).finally(
          () => channel.end(),
        );
      },
      () => left.abort(new Error('the client stopped reading the generation')),
    );
  }

  /**
   * What a generation of `request` would take now: the input tokens Claude counts (count_tokens, the counter
   * the gate reserves with; its upper bound if counting fails), max_tokens, the cost range from the price list
   * (null when the model is unpriced) and the ETA: the gate's wait for it now plus the expected writing time.
   */
  async estimate(request: GenerateContentRequest): Promise<GenerationEstimateModel> {
    const { shared } = this;
    const plan = planGeneration(shared, request);
    const deadline = Deadline.after(shared.deadlines.readMs, this.requestSignal);
    try {
      const counts = await Promise.all(plan.parts.map(({ message }) => shared.inputTokens.count(message, deadline.signal)));
      const inputTokens = counts.reduce((sum, count) => sum + count.tokens, 0);
      const maxOutputTokens = plan.parts.reduce((sum, { message }) => sum + message.max_tokens, 0);
      // The parts wait and write at the same time: the slowest one decides.
      const etaMs = Math.max(
        ...plan.parts.map((planned, i) => {
          const cost = { ...likelyCost(shared, planned), input_tokens: counts[i]!.tokens };
          const writing = shared.pace.expectedMs(shared.pace.expectedTokens(outputShare(planned.part), planned.message.max_tokens));
          return shared.upstream.estimateWaitMs(cost) + writing;
        }),
      );
      return {
        inputTokens,
        maxOutputTokens,
        minCostUsd: shared.prices.costUsd(plan.model, inputTokens, 0) ?? null,
        maxCostUsd: shared.prices.costUsd(plan.model, inputTokens, maxOutputTokens) ?? null,
        etaSeconds: etaMs / 1000,
      };
    } finally {
      deadline.dispose();
    }
  }
}

