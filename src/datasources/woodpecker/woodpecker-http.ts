import type { IncomingHttpHeaders } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import { UpstreamFailure, type Delivery } from '../shared/upstream-failure';
import { log } from './log';
import { interpretResponse } from './response-classifier';

export type QueryValue = string | number | boolean | undefined;

export interface WoodpeckerRequest {
  method: 'GET' | 'POST';
  /** Below the base URL, e.g. `/v1/prospects`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Cuts the exchange (socket destroyed). The runtime aborts it only at the slot ceiling, never when the
   * caller leaves: Woodpecker would go on working on the request anyway, so the slot stays held until it answers.
   */
  signal: AbortSignal;
  /** The exchange's hard time limit (the slot ceiling); enforced here too, so a timeout is told apart from an abort. */
  timeoutMs: number;
  /** The route reports per-prospect outcomes, so a top-level item code is not a batch failure. */
  reportsItemOutcomes?: boolean;
}

export interface WoodpeckerResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; undefined for 204 No Content. */
  body: unknown;
}

export interface WoodpeckerHttpOptions {
  baseUrl: string;
  /** Absent only when a simulator without auth stands in. */
  apiKey: string | undefined;
  /** Sockets kept open to Woodpecker. */
  connections: number;
  /** Longest response body read; a longer one fails as an invalid response and its socket is cut. */
  maxResponseBytes: number;
}

/** Socket errors raised before a byte of the request could reach Woodpecker: re-sending cannot duplicate. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const ATTEMPT_TIMED_OUT = Symbol('attempt timed out');

/** Destroys the body stream, which aborts the request and closes its socket (the rest is never read). */
function cut(body: Dispatcher.ResponseData['body']): undefined {
  // The abort error the stream emits is the end we asked for.
  body.on('error', () => undefined);
  body.destroy();
  return undefined;
}

/** The body as text, or undefined (the stream destroyed, so the socket is cut) once it is longer than `maxBytes`. */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Promise<string | undefined> {
  if (Number(headers['content-length']) > maxBytes) return cut(body);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return cut(body);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Query parameters as sent: absent values dropped, the rest as strings (so equal queries compare equal). */
export function compactQuery(query: Record<string, QueryValue> = {}): Record<string, string> {
  const present = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  return Object.fromEntries(present.map(([key, value]) => [key, String(value)]));
}

/*
 * Errors are read by shape, not with `instanceof`: socket errors and DOMExceptions come from Node's own realm,
 * which is not the realm of this module under a test runner's sandbox.
 */
interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

/** undici wraps some socket errors; the first `code` on the cause chain is the one that tells. */
function errorCode(error: unknown): string | undefined {
  for (let e = asErrorLike(error), depth = 0; e && depth < 5; e = asErrorLike(e.cause), depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

function isTimeoutReason(reason: unknown): boolean {
  return reason === ATTEMPT_TIMED_OUT || asErrorLike(reason)?.name === 'TimeoutError';
}

/**
 * The process-wide HTTP client for Woodpecker: one keep-alive undici pool bound to the base URL and the key
 * (undici's `request` costs a fraction of `fetch` on Node 20). One call is one exchange; it never retries (the
 * upstream runtime owns retries) and it reports every failure as an `UpstreamFailure` with a delivery verdict.
 */
export class WoodpeckerHttp {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly headers: Record<string, string>;
  private readonly maxResponseBytes: number;

  constructor(options: WoodpeckerHttpOptions) {
    this.maxResponseBytes = options.maxResponseBytes;
    const base = new URL(options.baseUrl);
    this.pool = new Pool(base.origin, { connections: options.connections });
    this.pathPrefix = base.pathname.replace(/\/+$/, '');
    this.headers = { accept: 'application/json', ...(options.apiKey !== undefined && { 'x-api-key': options.apiKey }) };
  }

  async exchange(request: WoodpeckerRequest): Promise<WoodpeckerResponse> {
    const label = `${request.method} ${request.path}`;
    if (request.signal.aborted) throw this.abortFailure(label, request.signal.reason, 'no');

    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(ATTEMPT_TIMED_OUT), request.timeoutMs);
    const forwardAbort = (): void => attempt.abort(request.signal.reason);
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    try {
      const hasBody = request.body !== undefined;
      const response = await this.pool.request({
        method: request.method,
        path: this.pathPrefix + request.path,
        query: compactQuery(request.query),
        headers: hasBody ? { ...this.headers, 'content-type': 'application/json' } : this.headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        signal: attempt.signal,
      });
      const text = await readCapped(response.body, response.headers, this.maxResponseBytes);
      if (text === undefined) {
        // Woodpecker has answered (the slot may go), but what it sent is nothing we can use.
        const reason = `response body over ${this.maxResponseBytes} bytes (HTTP ${response.statusCode})`;
        throw new UpstreamFailure('woodpecker', 'invalid_response', `Woodpecker ${label}: ${reason}`, {
          status: response.statusCode,
          delivery: 'maybe',
        });
      }
      const outcome = interpretResponse({
        label,
        status: response.statusCode,
        headers: response.headers,
        text,
        reportsItemOutcomes: request.reportsItemOutcomes ?? false,
      });
      if (!outcome.ok) throw this.logged(outcome.failure, outcome.upstreamMessage);
      return { status: response.statusCode, headers: response.headers, body: outcome.body };
    } catch (error) {
      if (error instanceof UpstreamFailure) throw error;
      if (attempt.signal.aborted) throw this.abortFailure(label, attempt.signal.reason, 'maybe', error);
      throw this.socketFailure(label, error);
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', forwardAbort);
    }
  }

  /**
   * Closes the sockets (graceful shutdown, after the upstream runtime released or kept its leases): an exchange
   * still in flight then is one nobody waits for, and Woodpecker finishes it whether or not its socket stays.
   */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  /** Our timer (or the runtime's timeout signal) means "Woodpecker was too slow"; anything else is the caller leaving. */
  private abortFailure(label: string, reason: unknown, delivery: Delivery, cause?: unknown): UpstreamFailure {
    const timedOut = isTimeoutReason(reason);
    const reasonText = timedOut ? 'attempt timed out' : 'aborted';
    const failureClass = timedOut ? 'timeout' : 'aborted';
    return new UpstreamFailure('woodpecker', failureClass, `Woodpecker ${label}: ${reasonText}`, { delivery, cause });
  }

  private socketFailure(label: string, error: unknown): UpstreamFailure {
    const code = errorCode(error);
    const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
    const failureClass = timedOut ? 'timeout' : 'network';
    return new UpstreamFailure('woodpecker', failureClass, `Woodpecker ${label}: ${code ?? 'network error'}`, {
      upstreamCode: code,
      // A refused or unresolvable connection never carried the request; a reset may have come after Woodpecker acted.
      delivery: code !== undefined && NOT_SENT_CODES.has(code) ? 'no' : 'maybe',
      cause: error,
    });
  }

  /**
   * Failures that mean our request was wrong are bugs to fix, so they are logged here with Woodpecker's own
   * text (the logger masks emails); transient ones are logged by the runtime, which knows whether it retried.
   */
  private logged(failure: UpstreamFailure, upstreamMessage: string | undefined): UpstreamFailure {
    if (failure.failureClass === 'bad_request') {
      const level = failure.upstreamCode === 'E_URL_NOT_FOUND' ? 'error' : 'warn';
      log.log(level, 'Woodpecker refused our request', {
        failure: failure.message,
        upstreamCode: failure.upstreamCode,
        upstreamMessage,
      });
    }
    return failure;
  }
}
