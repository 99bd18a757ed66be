import type { WoodpeckerConfig } from '../config';
import type { ProspectInputModel } from '../datasources/woodpecker/models';
import type { ExportRequest } from '../datasources/woodpecker/WoodpeckerAPI';
import { normalizeHtmlSnippet, toPlainTextSnippet } from '../domain/snippets';
import type { AddProspectsInput, ProspectInput } from '../generated/resolvers-types';
import { badInput } from '../errors';
import { parseCampaignId } from './campaign-id';
import { assertNoLongFields, checkLengths, MAX_FIELD_CHARS, MAX_SNIPPET_CHARS, optionalText } from './text-limits';
import { YieldBudget } from './yield-budget';

const PLAIN_SNIPPETS = ['snippet1', 'snippet3'] as const;
const HTML_SNIPPETS = ['snippet2', 'snippet4', 'snippet5', 'snippet6', 'snippet7'] as const;

/**
 * Snippets go to Woodpecker, which mails them: subject and LinkedIn text are flattened to plain text, the
 * email bodies are sanitised to the snippet HTML allow-list, whoever wrote them (Claude or the user).
 */
async function toProspect(p: ProspectInput, budget: YieldBudget): Promise<ProspectInputModel> {
  const prospect: ProspectInputModel = {
    email: p.email.trim(),
    firstName: optionalText(p.firstName),
    lastName: optionalText(p.lastName),
    company: optionalText(p.company),
    title: optionalText(p.title),
    industry: optionalText(p.industry),
    website: optionalText(p.website),
    linkedinUrl: optionalText(p.linkedinUrl),
    phone: optionalText(p.phone),
    city: optionalText(p.city),
    state: optionalText(p.state),
    country: optionalText(p.country),
    timeZone: optionalText(p.timeZone),
    tags: optionalText(p.tags),
  };
  for (const key of PLAIN_SNIPPETS) {
    const text = optionalText(p[key]);
    if (text) {
      await budget.spend(text.length);
      prospect[key] = toPlainTextSnippet(text);
    }
  }
  for (const key of HTML_SNIPPETS) {
    const html = optionalText(p[key]);
    if (html) {
      await budget.spend(html.length);
      prospect[key] = normalizeHtmlSnippet(html);
    }
  }
  return prospect;
}

/**
 * Structural problems (no prospects, too many, over-long fields, a bad campaign id) reject the whole request.
 * A single invalid email does not: like the app always did, that prospect is reported as rejected and the
 * others are exported (see WoodpeckerAPI.addProspects).
 */
export async function validateExportInput(input: AddProspectsInput, config: WoodpeckerConfig): Promise<ExportRequest> {
  const campaignId = parseCampaignId(input.campaignId, 'input.campaignId');
  if (input.prospects.length === 0) throw badInput('Add at least one prospect to export.', ['input.prospects']);
  if (input.prospects.length > config.maxProspectsPerExport) {
    throw badInput(`An export can hold at most ${config.maxProspectsPerExport} prospects; split it into several.`, [
      'input.prospects',
    ]);
  }
  const longFields: string[] = [];
  const longSnippets: string[] = [];
  input.prospects.forEach((p, i) => {
    const { snippet1, snippet2, snippet3, snippet4, snippet5, snippet6, snippet7, ...fields } = p;
    const snippets = { snippet1, snippet2, snippet3, snippet4, snippet5, snippet6, snippet7 };
    longFields.push(...checkLengths(fields, MAX_FIELD_CHARS, `input.prospects[${i}]`));
    longSnippets.push(...checkLengths(snippets, MAX_SNIPPET_CHARS, `input.prospects[${i}]`));
  });
  assertNoLongFields(longFields, MAX_FIELD_CHARS);
  assertNoLongFields(longSnippets, MAX_SNIPPET_CHARS);
  const budget = new YieldBudget();
  const prospects: ProspectInputModel[] = [];
  for (const p of input.prospects) prospects.push(await toProspect(p, budget));
  return { campaignId, prospects, force: input.force ?? false };
}
