/**
 * `table[key]` for tables keyed by text from outside (an upstream's error code or status, a stop reason, a model
 * id): only the table's own entries count, so `constructor`, `__proto__` or `toString` find nothing instead of an
 * Object.prototype member.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
