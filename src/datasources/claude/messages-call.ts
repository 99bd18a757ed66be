import type Anthropic from '@anthropic-ai/sdk';
import { APIError } from '@anthropic-ai/sdk';
import { recordRequestStats } from '../../logging/request-context';
import type { AttemptContext, UpstreamCall } from '../shared/upstream';
import { UpstreamFailure } from '../shared/upstream-failure';
import { classifyClaudeError } from './classify-error';

/**
 * One `POST /v1/messages` exchange described as an `UpstreamCall`: the upstream runtime reserves its cost,
 * runs it (again, after a transient failure) and settles the reservation with the real usage.
 */

/** A text block, or a file from Claude's file store (images as `image`, PDFs as `document` blocks). */
export type MessageContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image' | 'document'; source: { type: 'file'; file_id: string } };

export interface MessageTurn {
  role: 'user' | 'assistant';
  content: string | MessageContentBlock[];
}

/** What we send: text and file blocks, no sampling parameters (models after Opus 4.6 reject temperature/top_p/top_k). */
export interface MessageRequest {
  model: string;
  max_tokens: number;
  system: string;
  messages: MessageTurn[];
}

/** The beta flag that lets a Messages or count_tokens request refer to uploaded files. */
export const FILES_API_BETA = 'files-api-2025-04-14';

/** Request headers a call needs besides the SDK's own: the Files API flag when a file block is present. */
export function betaHeaders(request: Pick<MessageRequest, 'messages'>): Record<string, string> | undefined {
  const refersToFiles = request.messages.some(
    (turn) => typeof turn.content !== 'string' && turn.content.some((block) => block.type !== 'text'),
  );
  return refersToFiles ? { 'anthropic-beta': FILES_API_BETA } : undefined;
}

export interface ClaudeReply {
  /** The text blocks joined; other block types (thinking, tool use) carry no copy. */
  text: string;
  stopReason: string | null;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
}

/** @param inputTokens what to reserve for the prompt (input-tokens.ts); `settle` replaces it with the billed figure. */
export function messagesCall(sdk: Anthropic, request: MessageRequest, inputTokens: number): UpstreamCall<ClaudeReply> {
  return {
    route: 'POST /v1/messages',
    // A generation changes nothing upstream; sending it again only costs tokens, which the gate accounts for.
    retry: 'idempotent',
    // The answer may be max_tokens long; `settle` returns the unused part.
    cost: { requests: 1, input_tokens: inputTokens, output_tokens: request.max_tokens },
    run: (ctx) => sendMessage(sdk, request, ctx),
  };
}

/** SDK request options of one attempt: its signal and time, no SDK retries, the Files API flag when needed. */
export function attemptOptions(request: MessageRequest, ctx: AttemptContext): Anthropic.RequestOptions {
  // The SDK accepts only a positive integer timeout; the runtime's remaining budget can be fractional or 0.
  return { signal: ctx.signal, timeout: Math.max(1, Math.floor(ctx.timeoutMs)), maxRetries: 0, headers: betaHeaders(request) };
}

async function sendMessage(sdk: Anthropic, request: MessageRequest, ctx: AttemptContext): Promise<ClaudeReply> {
  const { data, response, request_id } = await sdk.messages
    .create(request, attemptOptions(request, ctx))
    .withResponse()
    .catch((error: unknown) => {
      throw attemptFailure(error, ctx);
    });
  ctx.observeRateLimitHeaders((name) => response.headers.get(name));
  const upstreamRequestId = request_id ?? undefined;
  ctx.noteUpstreamRequestId(upstreamRequestId);

  // A 200 whose body is not a Message (an HTML page from a proxy, an empty body) parses to a string or nothing.
  const message: unknown = data;
  if (!isMessage(message)) {
    throw new UpstreamFailure('claude', 'invalid_response', 'a 200 answer without a Message body', {
      status: response.status,
      upstreamRequestId,
      delivery: 'yes',
    });
  }
  const usage = { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
  ctx.settle({ requests: 1, input_tokens: usage.inputTokens, output_tokens: usage.outputTokens });
  recordRequestStats(usage);
  return {
    text: message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
    stopReason: message.stop_reason,
    model: message.model || request.model,
    usage,
  };
}

/**
 * Error answers carry rate-limit headers too (a 429 says when the window resets): the gate learns from them.
 * An error answer also means nothing was generated, so the output reservation (max_tokens) goes back at
 * once; otherwise a few 529s would hold most of a minute's output budget.
 */
export function attemptFailure(error: unknown, ctx: AttemptContext): UpstreamFailure {
  if (error instanceof APIError && error.headers) {
    const headers = error.headers;
    ctx.observeRateLimitHeaders((name) => headers.get(name));
  }
  if (error instanceof APIError && typeof error.status === 'number') ctx.settle({ output_tokens: 0 });
  const failure = classifyClaudeError(error, ctx.signal);
  ctx.noteUpstreamRequestId(failure.upstreamRequestId);
  return failure;
}

function isMessage(value: unknown): value is Anthropic.Message {
  const message = value as Partial<Anthropic.Message> | null | undefined;
  return (
    typeof message === 'object' &&
    message !== null &&
    Array.isArray(message.content) &&
    typeof message.usage?.input_tokens === 'number' &&
    typeof message.usage.output_tokens === 'number'
  );
}
