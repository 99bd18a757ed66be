import { badInput } from '../errors';

/** Short CSV fields (names, titles, cities…): long enough for any real value, short enough to stop abuse. */
export const MAX_FIELD_CHARS = 500;
/** A snippet is at most an email body. */
export const MAX_SNIPPET_CHARS = 20_000;

/** Collects every over-long field first, so one error names all of them. */
export function checkLengths(values: Record<string, string | null | undefined>, limit: number, prefix: string): string[] {
  return Object.entries(values)
    .filter(([, v]) => typeof v === 'string' && v.length > limit)
    .map(([k]) => `${prefix}.${k}`);
}

export function assertNoLongFields(fields: string[], limit: number): void {
  if (fields.length > 0) throw badInput(`These fields are longer than ${limit} characters: ${fields.join(', ')}.`, fields);
}

/** Empty strings and whitespace mean "not given" for optional CSV fields. */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
