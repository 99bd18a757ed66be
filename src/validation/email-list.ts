import { isValidEmail } from '../domain/email';
import { badInput } from '../errors';

/** For lookups by email: every address must be valid, and the error names the ones that are not. */
export function validateEmailList(emails: readonly string[], max: number, field: string): string[] {
  if (emails.length > max) throw badInput(`Check at most ${max} emails at a time.`, [field]);
  const trimmed = emails.map((e) => e.trim());
  const invalid = trimmed.map((e, i) => [e, i] as const).filter(([e]) => !isValidEmail(e));
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 10).map(([e]) => `"${e.slice(0, 100)}"`);
    const more = invalid.length > 10 ? ` and ${invalid.length - 10} more` : '';
    throw badInput(`These are not valid email addresses: ${shown.join(', ')}${more}.`, invalid.map(([, i]) => `${field}[${i}]`));
  }
  return trimmed;
}
