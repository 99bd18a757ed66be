import type { GenerateContentRequest } from '../../datasources/claude/models';
import type { GenerateContentInput } from '../../generated/resolvers-types';
import type { GraphQLContext } from '../../graphql/context';
import { validateAttachmentIds, validateGenerateInput } from '../../validation/generate-input';

/**
 * What `generateContent`, `generateContentStream` and `estimateGeneration` hand to the Claude data source: the
 * input validated (BAD_USER_INPUT / FORBIDDEN, before anything is looked up), then its attachment ids resolved to
 * the caller's files (NOT_FOUND for an id that is unknown, expired or another caller's).
 */
export async function generationRequest(
  input: GenerateContentInput,
  context: Pick<GraphQLContext, 'config' | 'attachments'>,
): Promise<GenerateContentRequest> {
  const request = validateGenerateInput(input, context.config.claude);
  const ids = validateAttachmentIds(input.attachmentIds);
  if (ids.length === 0) return request;
  return { ...request, attachments: await context.attachments.resolve(ids) };
}
