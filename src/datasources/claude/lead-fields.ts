import type { GeneratedContentModel, LeadModel } from './models';

/** What the app has always shown when a lead has no industry. */
const DEFAULT_INDUSTRY = 'Technology';

export type LeadFields = Pick<GeneratedContentModel, 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'linkedinUrl' | 'industry' | 'tags'>;

/** The lead's own fields on the generated content, as the app shows them next to the copy. */
export function leadFields(lead: LeadModel): LeadFields {
  return {
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    title: lead.title,
    linkedinUrl: lead.linkedinUrl,
    industry: lead.industry || DEFAULT_INDUSTRY,
    tags: lead.tags || tagsFor(lead),
  };
}

/**
 * Woodpecker tags as the app built them (`#Company #Title`), each value without spaces or `#` so it stays one
 * tag. The lead has no department field, so the app's `#Department` part has nothing to come from.
 */
function tagsFor(lead: LeadModel): string | undefined {
  const tags = [lead.company, lead.title].map((value) => value?.replace(/[\s#]+/g, '')).filter(Boolean);
  return tags.length > 0 ? tags.map((tag) => `#${tag}`).join(' ') : undefined;
}
