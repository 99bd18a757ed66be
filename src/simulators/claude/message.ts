import { hashString } from '../shared/rng';
import { renderCopy, writeSequence } from './copywriter';
import type { OutputFormat, StopReasonMode } from './options';
import { extractLeadFacts, extractSequenceRequest } from './prompt-facts';
import type { MessageRequest } from './request';
import { countTokens, cutToTokens } from './tokens';

/** An assistant reply, before it is written as JSON or as SSE events. */
export interface GeneratedMessage {
  id: string;
  model: string;
  /** Undefined: no content block at all. */
  text: string | undefined;
  stopReason: StopReasonMode;
  stopSequence: string | null;
  inputTokens: number;
  outputTokens: number;
}

/** Where a forced stop cuts the copy: the client must notice it is incomplete. */
const FORCED_CUT: Record<Exclude<StopReasonMode, 'end_turn'>, number> = {
  max_tokens: 0.6,
  refusal: 0.3,
  stop_sequence: 0.8,
};

/** Cuts at a character boundary that does not split a surrogate pair. */
function cutAt(text: string, length: number): string {
  const end = Math.max(0, Math.min(text.length, Math.floor(length)));
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

export function generateMessage(
  id: string,
  request: MessageRequest,
  mode: { outputFormat: OutputFormat; stopReason: StopReasonMode },
): GeneratedMessage {
  const facts = extractLeadFacts(request.promptText);
  const { touches, topic } = extractSequenceRequest(request.promptText);
  // Varies by lead and plan, not by arrival order or part, so the same lead always gets the same copy.
  const sequence = writeSequence(facts, hashString(JSON.stringify(facts)), topic);
  let text = renderCopy(touches.map((touch) => sequence[touch - 1]!), mode.outputFormat, facts);
  let stopReason = mode.stopReason;
  let stopSequence: string | null = null;

  if (text !== undefined && stopReason !== 'end_turn') {
    text = cutAt(text, text.length * FORCED_CUT[stopReason]);
    if (stopReason === 'stop_sequence') stopSequence = request.stopSequences[0] ?? '\n\nHuman:';
  } else if (text !== undefined) {
    const full = text;
    const hit = request.stopSequences
      .map((sequence) => ({ sequence, at: full.indexOf(sequence) }))
      .filter(({ at }) => at >= 0)
      .sort((a, b) => a.at - b.at)[0];
    if (hit) {
      text = text.slice(0, hit.at);
      stopReason = 'stop_sequence';
      stopSequence = hit.sequence;
    }
    if (countTokens(text) > request.maxTokens) {
      text = cutToTokens(text, request.maxTokens);
      stopReason = 'max_tokens';
      stopSequence = null;
    }
  }

  return {
    id,
    model: request.model,
    text,
    stopReason,
    stopSequence,
    inputTokens: request.inputTokens,
    outputTokens: text === undefined ? 0 : countTokens(text),
  };
}

function usageJson(inputTokens: number, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
  };
}

/** The Message object: complete (JSON responses) or as `message_start` announces it (empty, not yet stopped). */
export function messageJson(message: GeneratedMessage, phase: 'complete' | 'start'): Record<string, unknown> {
  const complete = phase === 'complete';
  return {
    id: message.id,
    type: 'message',
    role: 'assistant',
    model: message.model,
    content: complete && message.text !== undefined ? [{ type: 'text', text: message.text, citations: null }] : [],
    stop_reason: complete ? message.stopReason : null,
    stop_sequence: complete ? message.stopSequence : null,
    stop_details: null,
    container: null,
    usage: usageJson(message.inputTokens, complete ? message.outputTokens : 1),
  };
}
