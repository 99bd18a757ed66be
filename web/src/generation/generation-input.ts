import type { GenerateContentInput } from '../gql/graphql';
import { toLeadInput, type Lead } from '../leads/lead';
import type { GenerationSettings } from '../settings/settings-store';

/**
 * The input of a generation for `lead` with the current settings and attached files: what `estimateGeneration`
 * is asked about and what the generation then sends, so the estimate is of the generation that follows.
 */
export function generationInput(lead: Lead, { prompt, model }: GenerationSettings, attachmentIds: readonly string[]): GenerateContentInput {
  return {
    lead: toLeadInput(lead),
    ...(prompt.trim() !== '' && { prompt: prompt.trim() }),
    ...(model !== '' && { model }),
    ...(attachmentIds.length > 0 && { attachmentIds: [...attachmentIds] }),
  };
}
