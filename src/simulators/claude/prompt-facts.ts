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

/** Which touches one request asks for, and the plan a sequence written in parts shares. */
export interface SequenceRequest {
  /** 1..7, in order: all of them unless the prompt asks for one part of the sequence. */
  touches: number[];
  /** The day-1 email's topic from the shared plan, which the later touches refer back to. */
  topic?: string;
}

const ALL_TOUCHES = [1, 2, 3, 4, 5, 6, 7];
/** The BFF's wording for one part of a sequence written by concurrent calls, as Claude would read it. */
const PART = /\bwrite part \d+ of \d+: touches ([1-7]) to ([1-7]) only\b/i;
const TOPIC = /^The day-1 email's topic: (.{1,200})$/im;

export function extractSequenceRequest(prompt: string): SequenceRequest {
  const part = PART.exec(prompt);
  const [first, last] = part ? [Number(part[1]), Number(part[2])] : [1, 7];
  const topic = TOPIC.exec(prompt)?.[1]?.trim();
  return { touches: ALL_TOUCHES.filter((touch) => touch >= first && touch <= last), ...(topic && { topic }) };
}
