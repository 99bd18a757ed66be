import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise alike whatever order they were built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of the canonical JSON: "is this the same request?" without keeping the request. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** One opaque store key per (caller, key): two callers using the same key never see each other's outcome. */
export function scopedKey(callerId: string, key: string): string {
  return createHash('sha256').update(JSON.stringify([callerId, key])).digest('hex');
}
