/**
 * The lookbehind makes a match start only where a run of local-part characters starts: without it, every
 * position of a long run without `@` would rescan the rest of the run (quadratic; a 4 MB operation name held the
 * event loop for minutes). A match found from inside a run would have been found from its start anyway.
 */
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const SECRET_KEY = /^(authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|token|access[-_]?token|secret|password|jwt)$/i;
export const REDACTED = '[REDACTED]';

const secrets = new Set<string>();
let longestSecret = 0;

/** Values that must never appear in a log line, whatever field they end up in (API keys, tokens). */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6) return;
  secrets.add(value);
  longestSecret = Math.max(longestSecret, value.length);
}

/** `jane.doe@example.com` → `j***@example.com`: enough to correlate with a user report, not to identify. */
export function maskEmail(email: string): string {
  return email.replace(EMAIL, '$1***@$2');
}

/** Longer strings are cut: a log line is for reading, and a 4 MB field costs every sink (and redacting it, time). */
const MAX_LOGGED_CHARS = 8_192;
/** An address (at most 254 characters) that starts in the kept part ends within this margin. */
const EMAIL_MARGIN = 256;

export function redactString(text: string): string {
  // Cut with a margin first, redact, then cut for good: a secret or an address that starts in the kept part lies
  // wholly inside the margin, so it is redacted before the final cut could leave a part of it behind.
  const margin = MAX_LOGGED_CHARS + Math.max(longestSecret, EMAIL_MARGIN);
  let out = text.length > margin ? text.slice(0, margin) : text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  out = maskEmail(out);
  if (text.length <= MAX_LOGGED_CHARS) return out;
  return `${out.slice(0, MAX_LOGGED_CHARS)}… (${text.length} characters in all)`;
}

/** The value a field may be logged with: secret-named fields are replaced, everything else redacted. */
export function redactField(key: string, value: unknown, depth = 0): unknown {
  return SECRET_KEY.test(key) ? REDACTED : redact(value, depth);
}

/** Deep copy with secret-named fields replaced, registered secrets removed and emails masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return redact({ name: value.name, message: value.message, stack: value.stack }, depth + 1);
  // fromEntries defines own properties: a `__proto__` key (JSON.parse makes one) stays a field, not a prototype.
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, redactField(key, v, depth + 1)]));
}
