import type { ClaudeErrorType } from './errors';
import { countInputTokens } from './tokens';

/** What the simulator needs from a validated Messages (or count_tokens) request body. */
export interface MessageRequest {
  model: string;
  /** 0 for count_tokens, which has no max_tokens. */
  maxTokens: number;
  stream: boolean;
  stopSequences: string[];
  /** System prompt and message text, for personalisation. */
  promptText: string;
  /** What Claude would bill as input (tokens.ts): the same for Messages and count_tokens. */
  inputTokens: number;
}

export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404; type: ClaudeErrorType; message: string };

const invalid = (message: string): Validated<never> => ({ ok: false, status: 400, type: 'invalid_request_error', message });

/** Text of a `string | [{type:"text", text}]` field, or an error message naming the field. */
function textOf(value: unknown, field: string): string | { error: string } {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return { error: `${field}: Input should be a valid string or list of content blocks` };
  let text = '';
  for (const [index, block] of value.entries()) {
    if (typeof block !== 'object' || block === null || typeof (block as { type?: unknown }).type !== 'string') {
      return { error: `${field}.${index}: Input should be a content block with a type` };
    }
    const { type, text: blockText } = block as { type: string; text?: unknown };
    if (type === 'text') {
      if (typeof blockText !== 'string') return { error: `${field}.${index}.text: Field required` };
      text += `${blockText}\n`;
    }
  }
  return text;
}

export function parseMessageRequest(
  body: Record<string, unknown>,
  knownModels: readonly string[],
  needsMaxTokens: boolean,
): Validated<MessageRequest> {
  const { model, max_tokens: maxTokens, messages, system, stream, stop_sequences: stopSequences } = body;
  if (typeof model !== 'string' || model === '') return invalid('model: Field required');
  if (needsMaxTokens) {
    if (maxTokens === undefined) return invalid('max_tokens: Field required');
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) return invalid('max_tokens: Input should be a valid integer');
    if (maxTokens < 1) return invalid('max_tokens: Input should be greater than or equal to 1');
  }
  if (!Array.isArray(messages)) return invalid('messages: Field required');
  if (messages.length === 0) return invalid('messages: at least one message is required');
  if (stream !== undefined && typeof stream !== 'boolean') return invalid('stream: Input should be a valid boolean');
  if (stopSequences !== undefined && !(Array.isArray(stopSequences) && stopSequences.every((s) => typeof s === 'string'))) {
    return invalid('stop_sequences: Input should be a valid list of strings');
  }

  const parts: string[] = [];
  if (system !== undefined) {
    const text = textOf(system, 'system');
    if (typeof text !== 'string') return invalid(text.error);
    parts.push(text);
  }
  for (const [index, message] of messages.entries()) {
    const { role, content } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    if (role !== 'user' && role !== 'assistant') return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    const text = textOf(content, `messages.${index}.content`);
    if (typeof text !== 'string') return invalid(text.error);
    parts.push(text);
  }

  // Unknown models are a 404 in the real API, checked after the body is otherwise valid.
  if (!knownModels.includes(model)) return { ok: false, status: 404, type: 'not_found_error', message: `model: ${model}` };

  return {
    ok: true,
    value: {
      model,
      maxTokens: needsMaxTokens ? (maxTokens as number) : 0,
      stream: stream === true,
      stopSequences: (stopSequences as string[] | undefined) ?? [],
      promptText: parts.map((part) => `${part}\n`).join(''),
      inputTokens: countInputTokens(parts, messages.length),
    },
  };
}
