import type { IncomingHttpHeaders } from 'node:http';
import { retryAfterMsFrom, UpstreamFailure, type Delivery, type FailureClass } from '../shared/upstream-failure';
import { isRecord, type WireV1Status } from './wire';
import { ownEntry } from '../../domain/own-entry';

/**
 * Turns one complete Woodpecker HTTP response into a body or an `UpstreamFailure`.
 *
 * The meaning comes from the body's v1 `code` first (docs/upstreams.md §1.10): Woodpecker sends its v1 errors
 * with HTTP 400, 401, 409 or even 200, so the status alone would call a throttled request a client error, or a
 * failed one a success. The HTTP status decides only when there is no error envelope to read.
 */

export interface RawResponse {
  /** `GET /v1/prospects`: names the exchange in failure messages (never the query: it may hold emails). */
  label: string;
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The route reports per-prospect outcomes (add_prospects_campaign); see `isProcessedBatch`. */
  reportsItemOutcomes: boolean;
}

export type Interpretation =
  | { ok: true; body: unknown }
  /** `upstreamMessage` is Woodpecker's own text: for the server log only, never for a message a user may see. */
  | { ok: false; failure: UpstreamFailure; upstreamMessage?: string };

interface Verdict {
  failureClass: FailureClass;
  delivery: Delivery;
}

/** Codes that describe one prospect of a batch, not the request (docs/upstreams.md §1.7, §1.10). */
const ITEM_CODES: ReadonlySet<string> = new Set(['E_DUPLICATE', 'E_INV_STATUS', 'E_EMAIL', 'E_EMAIL_NOT_EXISTS']);

/**
 * v1 codes all mean Woodpecker refused the request before acting on it, hence delivery 'no'. E_TOO_MANY_REQUESTS
 * in particular is a drop from its one-at-a-time queue, which is what makes re-sending a write safe.
 */
const V1_CODES: Readonly<Record<string, Verdict>> = {
  E_SESSION: { failureClass: 'auth', delivery: 'no' },
  E_TOO_MANY_REQUESTS: { failureClass: 'upstream_queue_full', delivery: 'no' },
  E_RECORD_NOT_FOUND: { failureClass: 'not_found', delivery: 'no' },
  E_URL_NOT_FOUND: { failureClass: 'bad_request', delivery: 'no' },
  E_WRONG_PARAM: { failureClass: 'bad_request', delivery: 'no' },
  E_REQUIRED_ELEMENT: { failureClass: 'bad_request', delivery: 'no' },
};

/** 4xx answers were refused before any effect; 5xx and odd statuses may have been processed. */
function verdictForStatus(status: number): Verdict {
  if (status === 401) return { failureClass: 'auth', delivery: 'no' };
  if (status === 403) return { failureClass: 'forbidden', delivery: 'no' };
  if (status === 404) return { failureClass: 'not_found', delivery: 'no' };
  if (status === 408) return { failureClass: 'timeout', delivery: 'maybe' };
  if (status === 429) return { failureClass: 'rate_limited', delivery: 'no' };
  if (status >= 500) return { failureClass: 'server_error', delivery: 'maybe' };
  if (status >= 400) return { failureClass: 'bad_request', delivery: 'no' };
  return { failureClass: 'invalid_response', delivery: 'maybe' }; // 1xx/3xx: nothing we asked for
}

/** Unknown v1 codes follow the HTTP status when it says "server trouble", else they are our request's fault. */
function verdictForV1Code(code: string, status: number): Verdict {
  return ownEntry(V1_CODES, code) ?? (status >= 500 ? verdictForStatus(status) : { failureClass: 'bad_request', delivery: 'no' });
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `{status:{status:"ERROR",code,msg}}`, at any HTTP status. */
function v1Error(body: unknown): WireV1Status | undefined {
  if (!isRecord(body) || !isRecord(body.status)) return undefined;
  const envelope = body.status as WireV1Status;
  return typeof envelope.status === 'string' && envelope.status.toUpperCase() === 'ERROR' ? envelope : undefined;
}

/** `{title,status,detail}` with a numeric error status. */
function v2ErrorStatus(body: unknown): number | undefined {
  if (!isRecord(body) || typeof body.title !== 'string') return undefined;
  const status = Number(body.status);
  return Number.isInteger(status) && status >= 400 ? status : undefined;
}

/**
 * The per-item layout of add_prospects_campaign is unverified (docs/upstreams.md §1.7). If Woodpecker reports a
 * prospect-level code at the top (say E_DUPLICATE when some items were duplicates) next to a `prospects[]` list,
 * the batch was processed and the items tell the outcome; failing the batch would re-send it for nothing.
 */
function isProcessedBatch(body: unknown, code: string | undefined): boolean {
  return code !== undefined && ITEM_CODES.has(code) && isRecord(body) && Array.isArray(body.prospects);
}

function parseJson(text: string): { parsed: true; value: unknown } | { parsed: false } {
  try {
    return { parsed: true, value: JSON.parse(text) as unknown };
  } catch {
    return { parsed: false };
  }
}

export function interpretResponse(response: RawResponse): Interpretation {
  const { label, status, headers, text } = response;
  const fail = (verdict: Verdict, reason: string, upstreamCode?: string, upstreamMessage?: string): Interpretation => ({
    ok: false,
    upstreamMessage,
    failure: new UpstreamFailure('woodpecker', verdict.failureClass, `Woodpecker ${label}: ${reason} (HTTP ${status})`, {
      status,
      upstreamCode,
      retryAfterMs: retryAfterMsFrom((name) => headerValue(headers, name)),
      delivery: verdict.delivery,
    }),
  });

  const success = status >= 200 && status < 300;
  // 204 is how v1 lists say "nothing matches" (docs/upstreams.md §1.6): an answer, not an error.
  if (status === 204) return { ok: true, body: undefined };
  const json = text.trim() === '' ? undefined : parseJson(text);
  if (!json?.parsed) {
    // Every route we call answers JSON; an empty or unreadable 2xx (HTML from a proxy, a cut-off body) may
    // still have been processed, hence 'maybe'. Non-2xx bodies are often HTML error pages: the status decides.
    if (success) return fail({ failureClass: 'invalid_response', delivery: 'maybe' }, json ? 'unreadable body' : 'empty body');
    return fail(verdictForStatus(status), 'error status');
  }

  const body = json.value;
  const envelope = v1Error(body);
  if (envelope && !(response.reportsItemOutcomes && isProcessedBatch(body, envelope.code))) {
    const code = typeof envelope.code === 'string' && envelope.code !== '' ? envelope.code : 'ERROR';
    return fail(verdictForV1Code(code, status), code, code, envelope.msg);
  }
  const v2Status = v2ErrorStatus(body) ?? (success ? undefined : status);
  if (v2Status !== undefined) return fail(verdictForStatus(v2Status), 'error status');
  return { ok: true, body };
}
