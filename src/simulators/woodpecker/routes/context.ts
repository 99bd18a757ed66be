import type { Reply } from '../../shared/http';
import type { WoodpeckerSimOptions } from '../options';
import type { WoodpeckerStore } from '../store';
import type { WireFormat } from '../wire';

/** Everything a route handler reads; handlers are synchronous and return a reply without writing it. */
export interface RouteContext {
  store: WoodpeckerStore;
  wire: WireFormat;
  options: WoodpeckerSimOptions;
  path: string;
  params: URLSearchParams;
  /** The JSON body when it is an object; undefined when absent or not JSON. */
  body: Record<string, unknown> | undefined;
}

export type RouteHandler = (context: RouteContext) => Reply;

/** `"1,2, 3"` → [1, 2, 3]; undefined when any entry is not a positive integer. */
export function parseIdList(raw: string): number[] | undefined {
  const ids = raw.split(',').map((part) => part.trim());
  if (ids.some((id) => !/^\d+$/.test(id))) return undefined;
  return ids.map(Number);
}

/** `"a, b,,c"` → ['a', 'b', 'c'] */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A v1 list with nothing to show: 204 and an empty body (clients must not parse it). */
export function noContent(headers?: Record<string, string>): Reply {
  return { status: 204, headers, body: '' };
}
