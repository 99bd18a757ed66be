/** What the copywriter can personalise with; every field is optional because prompts are free text. */
export interface LeadFacts {
  firstName?: string;
  company?: string;
  title?: string;
  industry?: string;
}

/**
 * Matches `key: value`, `key=value` and `"key": "value"` for any of the key spellings. A quoted value runs to
 * its closing quote (so "Acme, Inc." survives); a bare one stops at punctuation.
 */
function factPattern(keys: string): RegExp {
  return new RegExp(`(?:^|[^A-Za-z_])(?:${keys})["']?\\s*[:=]\\s*(?:"([^"\\n]{1,80})"|([^"'\\n\\r,;{}<>]{1,60}))`, 'i');
}

const PATTERNS: Record<keyof LeadFacts, RegExp> = {
  firstName: factPattern('first[ _-]?name'),
  company: factPattern('company[ _-]?name|company|organi[sz]ation'),
  title: factPattern('job[ _-]?title|title|position'),
  industry: factPattern('industry|sector'),
};

const PLACEHOLDERS = new Set(['', 'null', 'undefined', 'n/a', 'none', '-']);

/** Best effort: the BFF's prompt format is not ours to know, so anything not found falls back to generic copy. */
export function extractLeadFacts(prompt: string): LeadFacts {
  const facts: LeadFacts = {};
  for (const key of Object.keys(PATTERNS) as Array<keyof LeadFacts>) {
    const match = PATTERNS[key].exec(prompt);
    const value = (match?.[1] ?? match?.[2])?.trim();
    if (value !== undefined && !PLACEHOLDERS.has(value.toLowerCase())) facts[key] = value;
  }
  return facts;
}
