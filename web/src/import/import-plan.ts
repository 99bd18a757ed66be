import { emailKey, isValidEmail } from '../leads/email';
import type { ContactField, LeadContact } from '../leads/lead';
import type { ColumnMapping, MappedField } from './column-mapping';

export const MAX_IMPORT_ROWS = 1000;

export type RowProblemKind = 'missing-email' | 'invalid-email' | 'duplicate-in-file' | 'already-imported';

export interface RowProblem {
  /** The line in the file (the header is line 1), so the user can find it. */
  line: number;
  email: string;
  kind: RowProblemKind;
  /** For duplicates inside the file: the line that is imported instead. */
  firstLine?: number;
}

export interface ImportPlan {
  fileName: string;
  headers: readonly string[];
  mapping: ColumnMapping;
  rowCount: number;
  leads: LeadContact[];
  problems: RowProblem[];
  /** Set when nothing can be imported from the file at all. */
  refusal?: 'no-email-column' | 'too-many-rows' | 'empty';
}

export type CsvRow = Readonly<Record<string, string | undefined>>;

/** "Maria del Carmen Lopez" → first name "Maria", last name "del Carmen Lopez", as the Phase 1 app split names. */
function splitFullName(fullName: string): Pick<LeadContact, 'firstName' | 'lastName'> {
  const [first, ...rest] = fullName.split(/\s+/).filter(Boolean);
  return { ...(first && { firstName: first }), ...(rest.length > 0 && { lastName: rest.join(' ') }) };
}

function contactOf(row: CsvRow, mapping: ColumnMapping): LeadContact {
  const values: Partial<Record<MappedField, string>> = {};
  for (const [header, field] of Object.entries(mapping)) {
    const value = row[header]?.trim();
    if (field && value) values[field] = value;
  }
  const { fullName, ...fields } = values;
  const names = fullName && !fields.firstName && !fields.lastName ? splitFullName(fullName) : {};
  return { ...(fields as Partial<Record<ContactField, string>>), ...names, email: fields.email ?? '' };
}

/**
 * Decides, for the whole file and before anything is imported, which rows become leads and why each other
 * row does not: no email, an address the server would refuse, a repeat of an earlier row, or a lead that
 * is already in the list.
 */
export function planImport(
  fileName: string,
  headers: readonly string[],
  rows: readonly CsvRow[],
  mapping: ColumnMapping,
  existingEmails: ReadonlySet<string>,
): ImportPlan {
  const base = { fileName, headers, mapping, rowCount: rows.length, leads: [], problems: [] };
  if (rows.length === 0) return { ...base, refusal: 'empty' };
  if (!Object.values(mapping).includes('email')) return { ...base, refusal: 'no-email-column' };
  if (rows.length > MAX_IMPORT_ROWS) return { ...base, refusal: 'too-many-rows' };

  const leads: LeadContact[] = [];
  const problems: RowProblem[] = [];
  const firstLineOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const contact = contactOf(row, mapping);
    const key = emailKey(contact.email);
    const problem = (kind: RowProblemKind, extra: Partial<RowProblem> = {}) => problems.push({ line, email: contact.email, kind, ...extra });
    if (contact.email === '') return problem('missing-email');
    if (!isValidEmail(contact.email)) return problem('invalid-email');
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) return problem('duplicate-in-file', { firstLine });
    if (existingEmails.has(key)) return problem('already-imported');
    firstLineOf.set(key, line);
    leads.push(contact);
  });
  return { ...base, leads, problems };
}
