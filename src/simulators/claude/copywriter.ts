import type { OutputFormat } from './options';
import type { LeadFacts } from './prompt-facts';

/** The line the BFF's prompt asks Claude to put between the seven touches. */
export const BLOCK_SEPARATOR = '---BLOCK---';

const SUBJECT_MIN = 36;
const SUBJECT_MAX = 50;
const FALLBACK_SUBJECTS = ['A quick idea to grow your outbound pipeline', 'Fewer dead leads, more booked meetings'];

interface Voice {
  first: string;
  /** " at Acme" or "" */
  atCompany: string;
  companyOrTeam: string;
  peers: string;
}

function voiceOf(facts: LeadFacts): Voice {
  return {
    first: facts.firstName ?? 'there',
    atCompany: facts.company ? ` at ${facts.company}` : '',
    companyOrTeam: facts.company ?? 'your team',
    peers: facts.industry ? `${facts.industry} teams` : 'teams like yours',
  };
}

function subjectLine(facts: LeadFacts, variant: number): string {
  const personal = [
    facts.company && `Quick idea for ${facts.company}'s outbound pipeline`,
    facts.firstName && `${facts.firstName}, a faster path to qualified meetings`,
    facts.company && `A thought on ${facts.company}'s outbound this quarter`,
  ].filter((s): s is string => Boolean(s));
  const rotated = [...personal.slice(variant % Math.max(1, personal.length)), ...personal, ...FALLBACK_SUBJECTS];
  return rotated.find((s) => s.length >= SUBJECT_MIN && s.length <= SUBJECT_MAX) ?? FALLBACK_SUBJECTS[0]!;
}

/** Bit `n` of the variant picks between two phrasings, so different leads get visibly different copy. */
function either(variant: number, bit: number, a: string, b: string): string {
  return (variant >> bit) & 1 ? b : a;
}

/**
 * The seven touches, in order: subject, day-1 email, LinkedIn note, bump, follow-up, second bump, break-up. With a
 * `topic` (the plan of a sequence written in parts), the day-1 email is about it and every later email refers
 * back to it, as a model following that plan would: the parts are written apart, so this is what holds them together.
 */
export function writeSequence(facts: LeadFacts, variant: number, topic?: string): string[] {
  const touches = writeTouches(facts, variant);
  if (!topic) return touches;
  const v = voiceOf(facts);
  const [subject, day1, linkedin, , followUp, , breakUp] = touches as [string, string, string, string, string, string, string];
  return [
    subject,
    day1.replace('\n\n', `\n\nI am writing about ${topic}.\n\n`),
    linkedin,
    `Hi ${v.first}, following up on my note about ${topic}. Worth a quick chat?`,
    followUp.replace('\n\n', `\n\nOne more thought on my note about ${topic}.\n\n`),
    `${v.first}, any thoughts on my note about ${topic}? Happy to send a two-minute video instead.`,
    breakUp.replace('so this will be my last note.', `so this will be my last note about ${topic}.`),
  ];
}

function writeTouches(facts: LeadFacts, variant: number): string[] {
  const v = voiceOf(facts);
  const role = facts.title ? `as ${facts.title}` : 'in your role';
  const paragraphs = (...items: string[]) => items.join('\n\n');
  return [
    subjectLine(facts, variant),
    paragraphs(
      `Hi ${v.first},`,
      either(
        variant,
        1,
        `I noticed ${v.companyOrTeam} has been hiring, and in my experience that is usually when outbound turns into a numbers game: more sequences, more tools and fewer real conversations.`,
        `Congrats on the momentum${v.atCompany}. Growing teams tend to hit the same wall: reps spend more time researching and writing than talking to buyers.`,
      ),
      `We help ${v.peers} send outreach that reads as if it was written for one person, at the volume a pipeline needs. Most customers see reply rates double within the first month.`,
      `Would a 15-minute call next week be worth it to see whether this could work for ${v.companyOrTeam}?`,
    ),
    `Hi ${v.first}, I work with ${v.peers} on outbound that actually gets replies. I would love to connect and swap notes on what is working${v.atCompany}.`,
    either(
      variant,
      2,
      `Hi ${v.first}, just bumping this to the top of your inbox in case it got buried. Worth a quick chat?`,
      `${v.first}, floating this back up in case the timing was off last week. Open to a short call?`,
    ),
    paragraphs(
      `Hi ${v.first},`,
      `I know things get busy ${role}, so here is the short version: one of our customers, a team much like ${v.companyOrTeam}, went from 2% to 7% reply rates in six weeks without adding headcount.`,
      either(
        variant,
        3,
        'The change was simple: every first line referenced something specific about the prospect, and follow-ups added new value instead of repeating the ask.',
        'They stopped sending one template to everyone and let each email open with something the prospect actually cares about.',
      ),
      'Happy to walk you through exactly how they set it up. Does Tuesday or Thursday work?',
    ),
    either(
      variant,
      4,
      `${v.first}, any thoughts on my note below? Happy to send a two-minute video instead if that is easier.`,
      `Hi ${v.first}, should I send this to someone else on your team instead?`,
    ),
    paragraphs(
      `Hi ${v.first},`,
      'I have reached out a few times and do not want to clutter your inbox, so this will be my last note.',
      `If outbound becomes a priority for ${v.companyOrTeam} later this year, just reply to this email and I will pick it up from there.`,
    ),
  ];
}

/** The reply text in the requested layout; undefined means Claude returned no content at all. */
export function renderCopy(blocks: string[], format: OutputFormat, facts: LeadFacts): string | undefined {
  // Each block starts with its own separator line, as the BFF's output contract asks.
  const separated = (items: string[]) => items.map((block) => `${BLOCK_SEPARATOR}\n${block}`).join('\n');
  switch (format) {
    case 'blocks':
      return separated(blocks);
    case 'six_blocks': // one block too few (the 6th of a whole sequence, the last of a part)
      return separated(blocks.filter((_, index) => index !== Math.min(5, blocks.length - 1)));
    case 'blocks_with_prose':
      return (
        `Here is a personalised 7-touch sequence for ${facts.firstName ?? 'this lead'}:\n\n` +
        `${separated(blocks)}\n\nLet me know if you would like a different tone or length.`
      );
    case 'json':
      return JSON.stringify(Object.fromEntries(blocks.map((text, index) => [`snippet${index + 1}`, text])), null, 2);
    case 'empty':
      return undefined;
  }
}
