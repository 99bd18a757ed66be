const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const SECRET_KEY = /^(authorization|cookie|set-cookie|x-api-key|api[-_]?key|apikey|token|access[-_]?token|secret|password|jwt)$/i;
export const REDACTED = '[REDACTED]';

const secrets = new Set<string>();

/** Values that must never appear in a log line, whatever field they end up in (API keys, tokens). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

/** `jane.doe@example.com` → `j***@example.com`: enough to correlate with a user report, not to identify. */
export function maskEmail(email: string): string {
  return email.replace(EMAIL, '$1***@$2');
}

export function redactString(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return maskEmail(out);
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
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactField(key, v, depth + 1);
  return out;
}
