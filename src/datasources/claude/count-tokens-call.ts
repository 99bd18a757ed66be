import type Anthropic from '@anthropic-ai/sdk';
import type { AttemptContext, UpstreamCall } from '../shared/upstream';
import { UpstreamFailure } from '../shared/upstream-failure';
import { classifyClaudeError } from './classify-error';
import { betaHeaders, type MessageRequest } from './messages-call';

/**
 * One `POST /v1/messages/count_tokens` exchange: the body a Messages call would send, minus `max_tokens`, and
 * the answer `{ input_tokens }`, Anthropic's own count of what that call will bill. It is free and has a
 * per-minute request limit of its own (separate from the Messages limits), so it runs through a gate of its
 * own: its cost is one of THAT gate's requests and nothing of the Messages budgets.
 */
export function countTokensCall(sdk: Anthropic, request: MessageRequest): UpstreamCall<number> {
  return {
    route: 'POST /v1/messages/count_tokens',
    retry: 'idempotent',
    cost: { requests: 1 },
    run: (ctx) => countTokens(sdk, request, ctx),
  };
}

async function countTokens(sdk: Anthropic, { model, system, messages }: MessageRequest, ctx: AttemptContext): Promise<number> {
  // Its rate-limit headers are not observed: they would describe the Messages budgets, which this gate does not hold.
  const { data, response, request_id } = await sdk.messages
    .countTokens(
      { model, system, messages },
      { signal: ctx.signal, timeout: Math.max(1, Math.floor(ctx.timeoutMs)), maxRetries: 0, headers: betaHeaders({ messages }) },
    )
    .withResponse()
    .catch((error: unknown) => {
      const failure = classifyClaudeError(error, ctx.signal);
      ctx.noteUpstreamRequestId(failure.upstreamRequestId);
      throw failure;
    });
  const upstreamRequestId = request_id ?? undefined;
  ctx.noteUpstreamRequestId(upstreamRequestId);
  const count: unknown = (data as { input_tokens?: unknown } | null | undefined)?.input_tokens;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new UpstreamFailure('claude', 'invalid_response', 'a 200 answer without an input_tokens count', {
      status: response.status,
      upstreamRequestId,
      delivery: 'yes',
    });
  }
  return count;
}
