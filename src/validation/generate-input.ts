import type { ClaudeConfig } from '../config';
import type { GenerateContentRequest, LeadModel } from '../datasources/claude/models';
import { isValidEmail } from '../domain/email';
import type { GenerateContentInput } from '../generated/resolvers-types';
import { badInput, BffError, ErrorCode } from '../errors';
import { assertNoLongFields, checkLengths, MAX_FIELD_CHARS, optionalText } from './text-limits';

function toLead(input: GenerateContentInput['lead']): LeadModel {
  return {
    email: input.email.trim(),
    firstName: optionalText(input.firstName),
    lastName: optionalText(input.lastName),
    company: optionalText(input.company),
    title: optionalText(input.title),
    industry: optionalText(input.industry),
    linkedinUrl: optionalText(input.linkedinUrl),
    website: optionalText(input.website),
    city: optionalText(input.city),
    state: optionalText(input.state),
    country: optionalText(input.country),
    tags: optionalText(input.tags),
  };
}

/** The most files one generation may carry, as the app has always allowed. */
export const MAX_ATTACHMENTS = 4;
/** Our ids are 28 characters; anything much longer cannot be one and is not looked up. */
const MAX_ATTACHMENT_ID_CHARS = 64;

/**
 * The attachment ids of a generation, in order. More than MAX_ATTACHMENTS are refused as input; whether each is
 * the caller's is for the attachment store to say.
 */
export function validateAttachmentIds(ids: readonly string[] | null | undefined): string[] {
  if (!ids) return [];
  if (ids.length > MAX_ATTACHMENTS) {
    throw badInput(`A generation can carry at most ${MAX_ATTACHMENTS} attachments; this one names ${ids.length}.`, ['input.attachmentIds']);
  }
  const tooLong = ids.flatMap((id, i) => (id.length > MAX_ATTACHMENT_ID_CHARS ? [`input.attachmentIds[${i}]`] : []));
  if (tooLong.length > 0) throw badInput('These are not attachment ids.', tooLong);
  return [...ids];
}

/** Everything `generateContent` accepts is checked here, before any token is spent. */
export function validateGenerateInput(input: GenerateContentInput, config: ClaudeConfig): GenerateContentRequest {
  const { email, ...otherFields } = input.lead;
  assertNoLongFields(checkLengths(otherFields, MAX_FIELD_CHARS, 'input.lead'), MAX_FIELD_CHARS);
  if (!isValidEmail(email.trim())) throw badInput('The lead email address is not valid.', ['input.lead.email']);

  const tooLong = checkLengths({ prompt: input.prompt, systemPrompt: input.systemPrompt }, config.maxPromptChars, 'input');
  assertNoLongFields(tooLong, config.maxPromptChars);

  const systemPrompt = optionalText(input.systemPrompt);
  if (systemPrompt && !config.allowSystemPrompt) {
    throw new BffError(ErrorCode.FORBIDDEN, 'This server does not allow replacing the system prompt.', {
      fields: ['input.systemPrompt'],
    });
  }
  const model = optionalText(input.model);
  if (model && !config.allowedModels.includes(model)) {
    throw badInput(`The model "${model.slice(0, 100)}" is not available. Choose one of: ${config.allowedModels.join(', ')}.`, [
      'input.model',
    ]);
  }
  return { lead: toLead(input.lead), prompt: optionalText(input.prompt), systemPrompt, model, fresh: input.fresh ?? false, parallel: input.parallel ?? false };
}
