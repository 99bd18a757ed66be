import type { Lead, Snippets } from '../leads/lead';
import { htmlToText, textToHtml } from './snippet-html';

export interface SnippetField {
  /** 0–6: snippet1..snippet7. */
  index: number;
  /** The field's accessible name. */
  label: string;
  /** Plain text (subject, LinkedIn) or snippet HTML edited as paragraphs. */
  format: 'plain' | 'html';
  hint: string;
}

/** The seven touches in order, as Woodpecker's snippet fields carry them. */
export const SNIPPET_FIELDS: readonly SnippetField[] = [
  { index: 0, label: 'Subject', format: 'plain', hint: 'Best at 36–50 characters.' },
  { index: 1, label: 'Day 1 email', format: 'html', hint: 'The first email. Separate paragraphs with a blank line.' },
  { index: 2, label: 'LinkedIn message', format: 'plain', hint: 'Sent as one paragraph; best under 300 characters.' },
  { index: 3, label: 'Follow-up 1', format: 'html', hint: 'A short bump, a few days later.' },
  { index: 4, label: 'Follow-up 2', format: 'html', hint: 'A new angle, about a week in.' },
  { index: 5, label: 'Follow-up 3', format: 'html', hint: 'A second bump.' },
  { index: 6, label: 'Follow-up 4', format: 'html', hint: 'The break-up email.' },
];

/** The text shown in a field: what the user typed, else the stored snippet (HTML shown as paragraphs). */
export function fieldText(lead: Lead, field: SnippetField): string {
  const edited = lead.edits?.[field.index];
  if (edited !== undefined) return edited;
  return displayText(lead.sequence?.snippets[field.index] ?? '', field);
}

export function displayText(snippet: string, field: SnippetField): string {
  return field.format === 'html' ? htmlToText(snippet) : snippet;
}

/** An element tag such as `<div>` or `</p>`; `a < b` is none. The server tells HTML from text the same way. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;

/**
 * A touch as it streams in: Claude's raw text, which the server turns into the snippet only at the end (plain
 * paragraphs laid out as `<div>`s, HTML sanitised, the subject and LinkedIn message on one line). Shown the way
 * the field will show that snippet, so the text does not jump when the sequence completes.
 */
export function streamedText(raw: string, field: SnippetField): string {
  if (field.format === 'plain') return raw.replace(/\s+/g, ' ');
  return HTML_TAG.test(raw) ? htmlToText(raw) : raw.replace(/\r\n?/g, '\n');
}

/** The Phase 1 app's hard limits for approval (the hints above are only guidelines). */
const SUBJECT_CHARS = { min: 10, max: 100 };
const LINKEDIN_MAX_CHARS = 500;

export type FieldProblems = Partial<Record<number, string>>;

function problemOf(field: SnippetField, text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return `${field.label} is empty.`;
  if (field.index === 0) {
    if (/[\r\n]/.test(trimmed)) return 'The subject must be one line.';
    if (trimmed.length < SUBJECT_CHARS.min || trimmed.length > SUBJECT_CHARS.max) {
      return `The subject needs ${SUBJECT_CHARS.min}–${SUBJECT_CHARS.max} characters (it has ${trimmed.length}).`;
    }
  }
  if (field.index === 2 && trimmed.length > LINKEDIN_MAX_CHARS) {
    return `LinkedIn messages can have at most ${LINKEDIN_MAX_CHARS} characters (this one has ${trimmed.length}).`;
  }
  return undefined;
}

export type ApprovalCheck = { ok: true; snippets: Snippets } | { ok: false; problems: FieldProblems };

/**
 * What approving would store: untouched snippets exactly as generated, edited ones converted back (HTML
 * paragraphs, or one line of plain text). Refused with a reason per field when a field breaks the rules.
 */
export function checkApproval(lead: Lead): ApprovalCheck {
  const stored = lead.sequence?.snippets;
  const problems: FieldProblems = {};
  const snippets = SNIPPET_FIELDS.map((field) => {
    const edited = lead.edits?.[field.index];
    const text = edited ?? displayText(stored?.[field.index] ?? '', field);
    const problem = problemOf(field, text);
    if (problem) problems[field.index] = problem;
    if (edited === undefined) return stored?.[field.index] ?? '';
    return field.format === 'html' ? textToHtml(edited) : edited.replace(/\s+/g, ' ').trim();
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, snippets: snippets as unknown as Snippets };
}
