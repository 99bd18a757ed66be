import type Anthropic from '@anthropic-ai/sdk';
import { APIUserAbortError } from '@anthropic-ai/sdk';
import { recordRequestStats } from '../../logging/request-context';
import type { AttemptContext, QueueReport, UpstreamCall } from '../shared/upstream';
import { UpstreamFailure } from '../shared/upstream-failure';
import { classifyClaudeError } from './classify-error';
import { attemptFailure, attemptOptions, type ClaudeReply, type MessageRequest } from './messages-call';
import { textTokensAtMost } from './token-estimate';

/**
 * One streamed `POST /v1/messages` exchange (`stream: true`) as an `UpstreamCall`: the text is handed on as it
 * arrives, and the reservation is settled from what the stream reported however it ends (answered, broken,
 * cancelled): the input tokens of `message_start`, and the output of the last `message_delta` (its usage is
 * cumulative: each one replaces the previous) or, before one came, a bound on the text received so far.
 */

export interface BilledAttempt {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** False when the stream ended before `message_stop` (broken, or cancelled): the output is then partly estimated. */
  complete: boolean;
}

export interface StreamListener {
  onQueued?(report: QueueReport): void;
  /** An attempt holds the gate's permit and is about to send. */
  onAttempt?(): void;
  /** `message_start`: Claude accepted this attempt and starts writing (again, after a retry). */
  onStart(model: string): void;
  /** A text delta of this attempt. `commit` marks the attempt as having shown text that cannot be taken back. */
  onText(text: string, commit: () => void): void;
  /** Once per attempt that got as far as `message_start`: what Claude bills for it. */
  onBilled(billed: BilledAttempt): void;
}

export function streamingMessagesCall(
  sdk: Anthropic,
  request: MessageRequest,
  inputTokens: number,
  listener: StreamListener,
): UpstreamCall<ClaudeReply> {
  return {
    route: 'POST /v1/messages',
    // A retry samples fresh text; the caller commits the attempt once its text reached a client, which ends retries.
    retry: 'idempotent',
    cost: { requests: 1, input_tokens: inputTokens, output_tokens: request.max_tokens },
    onQueued: listener.onQueued && ((report) => listener.onQueued?.(report)),
    run: (ctx) => streamMessage(sdk, request, listener, ctx),
  };
}

/** What one stream has reported so far. */
class StreamProgress {
  started = false;
  stopped = false;
  model: string;
  text = '';
  inputTokens = 0;
  /** From message_start (usually 1) and then each message_delta: cumulative, so each report replaces the last. */
  reportedOutputTokens: number | undefined;
  stopReason: string | null = null;

  constructor(requestedModel: string) {
    this.model = requestedModel;
  }

  /** The output tokens Claude reported, or, until it did for the text received, a bound on that text. */
  get outputTokens(): number {
    const estimated = this.stopped ? 0 : textTokensAtMost(this.text);
    return Math.max(this.reportedOutputTokens ?? 0, estimated);
  }
}

async function streamMessage(sdk: Anthropic, request: MessageRequest, listener: StreamListener, ctx: AttemptContext): Promise<ClaudeReply> {
  listener.onAttempt?.();
  const { data: stream, response, request_id } = await sdk.messages
    .create({ ...request, stream: true }, attemptOptions(request, ctx))
    .withResponse()
    .catch((error: unknown) => {
      // Cancelled before Claude answered: nothing was written, the output reservation goes back.
      if (ctx.signal.aborted) ctx.settle({ output_tokens: 0 });
      throw attemptFailure(error, ctx);
    });
  ctx.observeRateLimitHeaders((name) => response.headers.get(name));
  const upstreamRequestId = request_id ?? undefined;
  ctx.noteUpstreamRequestId(upstreamRequestId);

  const progress = new StreamProgress(request.model);
  try {
    for await (const event of stream) readEvent(event, progress, listener, ctx);
    // The SDK ends the iteration quietly when the signal aborts: that is a cancellation, not an answer.
    if (ctx.signal.aborted) throw classifyClaudeError(new APIUserAbortError(), ctx.signal);
    if (!progress.stopped) {
      throw new UpstreamFailure('claude', 'invalid_response', 'the stream ended without message_stop', {
        status: response.status,
        upstreamRequestId,
        delivery: 'yes',
      });
    }
  } catch (error) {
    const failure = error instanceof UpstreamFailure ? error : classifyClaudeError(error, ctx.signal);
    ctx.noteUpstreamRequestId(failure.upstreamRequestId ?? upstreamRequestId);
    throw failure;
  } finally {
    settle(progress, listener, ctx);
  }
  return {
    text: progress.text,
    stopReason: progress.stopReason,
    model: progress.model,
    usage: { inputTokens: progress.inputTokens, outputTokens: progress.outputTokens },
  };
}

function readEvent(event: Anthropic.RawMessageStreamEvent, progress: StreamProgress, listener: StreamListener, ctx: AttemptContext): void {
  switch (event.type) {
    case 'message_start':
      progress.started = true;
      progress.model = event.message.model || progress.model;
      progress.inputTokens = event.message.usage.input_tokens;
      progress.reportedOutputTokens = event.message.usage.output_tokens;
      listener.onStart(progress.model);
      return;
    case 'content_block_delta':
      if (event.delta.type !== 'text_delta' || !progress.started) return;
      progress.text += event.delta.text;
      listener.onText(event.delta.text, () => ctx.commit());
      return;
    case 'message_delta':
      progress.stopReason = event.delta.stop_reason ?? progress.stopReason;
      progress.reportedOutputTokens = event.usage.output_tokens;
      // Newer API versions repeat the input count here; when present it is the final one.
      if (typeof event.usage.input_tokens === 'number') progress.inputTokens = event.usage.input_tokens;
      return;
    case 'message_stop':
      progress.stopped = true;
      return;
    default:
      // content_block_start/stop carry no copy of their own; unknown event types are ignored, as documented.
      return;
  }
}

/**
 * Settles the reservation from what the stream reported, whatever ended it, and tells the listener what Claude
 * bills. Before `message_start` nothing was written: an HTTP error settled itself (attemptFailure), and a
 * cancellation or a connection lost before the first event gives the output reservation back.
 */
function settle(progress: StreamProgress, listener: StreamListener, ctx: AttemptContext): void {
  if (!progress.started) {
    ctx.settle({ output_tokens: 0 });
    return;
  }
  const usage = { inputTokens: progress.inputTokens, outputTokens: progress.outputTokens };
  ctx.settle({ requests: 1, input_tokens: usage.inputTokens, output_tokens: usage.outputTokens });
  recordRequestStats(usage);
  listener.onBilled({ model: progress.model, ...usage, complete: progress.stopped });
}
