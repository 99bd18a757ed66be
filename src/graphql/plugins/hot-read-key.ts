import type { Caller } from '../../auth/caller';

/** JSON with object keys sorted at every level, so `{a, b}` and `{b, a}` name the same variables. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optional = (value: unknown, type: 'string' | 'record') =>
  value === undefined || value === null || (type === 'string' ? typeof value === 'string' : isRecord(value));

/**
 * What makes two POSTed operations the same answer: the document (its text and/or persisted hash, with every
 * extension), the operation name, the variables, who asks and what they accept (Apollo picks the media type
 * from `accept`). Undefined for a body Apollo would read otherwise or refuse: that one is not a candidate.
 */
export function hotReadKey(body: unknown, caller: Caller, accept: string | undefined): string | undefined {
  if (!isRecord(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (!optional(query, 'string') || !optional(operationName, 'string')) return undefined;
  if (!optional(variables, 'record') || !optional(extensions, 'record')) return undefined;
  if (typeof query !== 'string' && !isRecord(extensions)) return undefined;
  return canonicalJson([caller.kind, caller.id, accept ?? null, query ?? null, operationName ?? null, variables ?? null, extensions ?? null]);
}
