import type { Config } from '../../config';
import type { ClaudeAPI } from '../../datasources/claude/ClaudeAPI';
import type { GenerationEvent } from '../../datasources/claude/generation-events';
import type { GenerateContentRequest } from '../../datasources/claude/models';
import { buildPrompt, userContent } from '../../datasources/claude/prompt';
import { estimateLocally } from '../../datasources/claude/token-estimate';
import { BffError } from '../../errors';
import { PriceBook } from '../../usage/price-book';
import type { GraphQLContext } from '../context';

/** What a generation would take, before it runs (`Query.estimateGeneration`). */
export interface GenerationEstimateModel {
  inputTokens: number;
  maxOutputTokens: number;
  /** Undefined or null when the price list has no price for the model. */
  minCostUsd?: number | null;
  maxCostUsd?: number | null;
  etaSeconds: number;
}

/**
 * What the stream route and the estimate query need from the Claude data source. The data source is built per
 * request over the request's signal: aborting that signal (the client unsubscribed or went away) cancels the
 * generation wherever it is, queued or streaming. The events are those of `generation-events.ts`, in its order.
 */
export interface GenerationEngine {
  generateStream(request: GenerateContentRequest): AsyncIterable<GenerationEvent>;
  estimate(request: GenerateContentRequest): Promise<GenerationEstimateModel>;
}

/**
 * TEMPORARY, until `ClaudeAPI` has `generateStream` and `estimate`: then this returns `context.dataSources.claude`
 * and everything below it goes, `engineIsTemporary` included (the tests that wait for the real engine import it).
 */
export function generationEngine(context: Pick<GraphQLContext, 'dataSources' | 'config'>): GenerationEngine {
  return temporaryEngine(context.dataSources.claude, context.config);
}

/** The stream tests that only mean something with the real engine (queue positions, Claude's pace) run when false. */
export const engineIsTemporary = true;

/** Snippets as `generateContent` returns them: `snippet1` … `snippet7`. */
const SNIPPETS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Sonnet's usual writing pace; the adapter's ETA is the time to write `max_tokens` at it, without any queue wait. */
const ASSUMED_OUTPUT_TOKENS_PER_SECOND = 60;

/**
 * TEMPORARY adapter over today's blocking `generate`: `started`, then each validated snippet as one delta, then
 * `completed`; a BffError becomes `failed`. Nothing is streamed while Claude writes and the gate's queue position
 * is not reported; cancellation works through the ClaudeAPI's request signal like the real engine's.
 */
function temporaryEngine(claude: ClaudeAPI, config: Config): GenerationEngine {
  return {
    async *generateStream(request) {
      yield { kind: 'started', model: request.model ?? config.claude.defaultModel };
      let content;
      try {
        content = await claude.generate(request);
      } catch (error) {
        if (!(error instanceof BffError)) throw error;
        yield { kind: 'failed', error, completedSnippets: [] };
        return;
      }
      for (const snippet of SNIPPETS) yield { kind: 'delta', snippet, text: content[`snippet${snippet}`] };
      yield { kind: 'completed', content };
    },
    // The local estimate is an upper bound (up to ~1.6× Claude's count for English prose), not Claude's count.
    async estimate(request) {
      const prompt = buildPrompt(request);
      const { tokens } = estimateLocally({ system: prompt.system, messages: [{ content: userContent(prompt.user, request.attachments) }] });
      const model = request.model ?? config.claude.defaultModel;
      const prices = new PriceBook(config.claudePricing);
      const maxOutputTokens = config.claude.maxTokens;
      return {
        inputTokens: tokens,
        maxOutputTokens,
        minCostUsd: prices.costUsd(model, tokens, 0),
        maxCostUsd: prices.costUsd(model, tokens, maxOutputTokens),
        etaSeconds: maxOutputTokens / ASSUMED_OUTPUT_TOKENS_PER_SECOND,
      };
    },
  };
}
