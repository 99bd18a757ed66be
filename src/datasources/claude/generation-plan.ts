import type { Cost } from '../shared/upstream';
import type { ClaudeShared } from './ClaudeAPI';
import type { MessageRequest } from './messages-call';
import type { GenerateContentRequest } from './models';
import { buildPrompt, userContent } from './prompt';
import { partMaxTokens, splitSequence, WHOLE_SEQUENCE, type SequencePart } from './sequence-parts';
import { estimateLocally } from './token-estimate';

export interface PlannedPart {
  part: SequencePart;
  message: MessageRequest;
}

export interface GenerationPlan {
  /** The model every call names: the request's, else the configured default. */
  model: string;
  /** One part (the whole sequence in one call), or 2-3 written at the same time. */
  parts: PlannedPart[];
}

/** The Messages request of one part of the sequence (or of the whole of it). */
function plannedPart(shared: ClaudeShared, request: GenerateContentRequest, model: string, part: SequencePart): PlannedPart {
  const prompt = buildPrompt(request, part);
  return {
    part,
    message: {
      model,
      max_tokens: partMaxTokens(part, shared.config.maxTokens),
      system: prompt.system,
      messages: [{ role: 'user', content: userContent(prompt.user, request.attachments) }],
    },
  };
}

/** What a part would reserve of the gate, by the local bound of its input (the real reservation may count it). */
export function likelyCost(shared: ClaudeShared, { message }: PlannedPart): Cost {
  const input = Math.min(estimateLocally(message).tokens, shared.config.limits.inputTokensPerMinute);
  return { requests: 1, input_tokens: input, output_tokens: message.max_tokens };
}

/**
 * One call, or, in parallel mode (asked for, or the server default), as many parts (3, else 2) as the gate has
 * slots and budget for right now: a split that would queue a part behind the others is slower than one call.
 */
export function planGeneration(shared: ClaudeShared, request: GenerateContentRequest): GenerationPlan {
  const model = request.model ?? shared.config.defaultModel;
  if (request.parallel || shared.config.parallelDefault) {
    for (const count of [3, 2] as const) {
      const parts = splitSequence(count).map((part) => plannedPart(shared, request, model, part));
      if (shared.upstream.admitsNow(parts.map((part) => likelyCost(shared, part)))) return { model, parts };
    }
  }
  return { model, parts: [plannedPart(shared, request, model, WHOLE_SEQUENCE)] };
}
