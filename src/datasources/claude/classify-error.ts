import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { DeadlineExceeded } from '../shared/deadline';
import { UpstreamFailure, retryAfterMsFrom, type Delivery, type FailureClass } from '../shared/upstream-failure';
import { ownEntry } from '../../domain/own-entry';

/**
 * Anthropic SDK errors → `UpstreamFailure`, decided from the wire: status, the body's `error.type` and
 * `error.details.error_code`, headers and socket error codes. The SDK runs with maxRetries 0, so each error
 * here is one attempt's outcome and the upstream runtime decides what to retry.
 */

/** 429s that are a money limit, not a rate window: they do not clear by waiting, so they are never retried. */
const SPEND_CAP_CODES: ReadonlySet<string> = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/**
 * Socket errors that mean the connection was never made, so Anthropic cannot have seen the request.
 * Anything else (reset, hang-up) may have happened after the request was sent.
 */
const NEVER_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** For errors without an HTTP status: an `error` event in an SSE stream, sent after the 200. */
const CLASS_BY_TYPE: Readonly<Record<string, FailureClass>> = {
  rate_limit_error: 'rate_limited',
  overloaded_error: 'overloaded',
  api_error: 'server_error',
  timeout_error: 'timeout',
  invalid_request_error: 'bad_request',
  authentication_error: 'auth',
  permission_error: 'forbidden',
  not_found_error: 'not_found',
  billing_error: 'spend_cap',
};

/**
 * @param attemptSignal the signal the attempt ran with: when it was aborted by a timeout (ours or the
 * operation deadline) the abort is a timeout; any other abort (the client went away) is `aborted`.
 */
export function classifyClaudeError(error: unknown, attemptSignal?: AbortSignal): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (error instanceof APIUserAbortError || nameOf(error) === 'AbortError') {
    return abortedByTimeout(attemptSignal)
      ? failure('timeout', 'attempt timed out', { delivery: 'maybe', cause: error })
      : failure('aborted', 'attempt aborted', { delivery: 'maybe', cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return failure('timeout', 'no response within the attempt timeout', { delivery: 'maybe', cause: error });
  }
  if (error instanceof APIConnectionError) return networkFailure(error);
  if (error instanceof APIError) return apiFailure(error);
  // By name: the body parser's SyntaxError may come from another realm (undici's), where instanceof fails.
  if (nameOf(error) === 'SyntaxError') {
    return failure('invalid_response', 'response body is not valid JSON', { delivery: 'yes', cause: error });
  }
  if (error instanceof AnthropicError) {
    // The SDK refused to send (bad option, missing credentials): deterministic, so sending again cannot help.
    return failure('bad_request', 'the SDK rejected the request before sending it', { delivery: 'no', cause: error });
  }
  // What is left escaped while the body was read: the socket closed mid-response.
  return networkFailure(error);
}

function apiFailure(error: APIError): UpstreamFailure {
  const status = error.status;
  const retryAfterMs = retryAfterMsFrom((name) => error.headers?.get(name));
  return failure(classOf(error, retryAfterMs), `Claude answered ${status ?? 'an SSE error event'} ${error.type ?? ''}`.trim(), {
    status,
    upstreamCode: spendCapCode(error) ?? error.errorCode ?? error.type ?? undefined,
    retryAfterMs,
    upstreamRequestId: error.requestID ?? undefined,
    // An error status means the request was refused before any work, except a 5xx, which can come mid-way;
    // an SSE error event arrives after the 200, when the work had started.
    delivery: status === undefined || (status >= 500 && status !== 529) ? 'maybe' : 'no',
    cause: error,
  });
}

function classOf(error: APIError, retryAfterMs: number | undefined): FailureClass {
  const { status, type } = error;
  if (status === undefined) return (type && ownEntry(CLASS_BY_TYPE, type)) || 'server_error';
  if (status === 429) return isSpendCap(error, retryAfterMs) ? 'spend_cap' : 'rate_limited';
  if (status >= 500) {
    // Anthropic's explicit "do not retry" (the SDK obeys it over the status): this exact request will fail
    // again, so it is a request problem, not an unhealthy upstream. The status stays in the failure for the logs.
    if (error.headers?.get('x-should-retry') === 'false') return 'bad_request';
    return status === 529 || type === 'overloaded_error' ? 'overloaded' : 'server_error';
  }
  switch (status) {
    case 401:
      return 'auth';
    case 402: // billing_error: the account cannot pay; like the spend cap, only a person can fix it.
      return 'spend_cap';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408: // The server gave up waiting for our request: a slow link, not a bad request.
      return 'timeout';
    case 409: // conflict_error is a lock or state race on Anthropic's side; the SDK retries it, so do we.
      return 'server_error';
    default:
      return 'bad_request'; // 400, 413 (from Cloudflare, HTML body), 422 and any other 4xx: this request as sent will not work.
  }
}

/**
 * `details.error_code` is the structured signal (the SDK reads it from `error.details`; some responses carry
 * `details` at the top level). Without one, a 429 that names a spend limit and gives no retry-after is taken as
 * the cap too: retrying a spend cap burns attempts and hides a billing problem, while real rate-limit 429s
 * always say when to come back.
 */
function isSpendCap(error: APIError, retryAfterMs: number | undefined): boolean {
  if (spendCapCode(error)) return true;
  if (error.errorCode || retryAfterMs !== undefined) return false;
  return /spend(?:ing)?[ _-]?(?:limit|cap)/i.test(`${error.apiMessage ?? ''} ${error.type ?? ''}`);
}

function spendCapCode(error: APIError): string | undefined {
  const body = error.error as { details?: { error_code?: unknown } } | undefined;
  const code = error.errorCode ?? body?.details?.error_code;
  return typeof code === 'string' && SPEND_CAP_CODES.has(code) ? code : undefined;
}

function networkFailure(error: unknown): UpstreamFailure {
  const code = socketErrorCode(error);
  const delivery: Delivery = code && NEVER_CONNECTED.has(code) ? 'no' : 'maybe';
  return failure('network', `connection failed${code ? ` (${code})` : ''}`, { upstreamCode: code, delivery, cause: error });
}

/** undici nests the socket error: APIConnectionError → TypeError('fetch failed') → Error{code}. */
function socketErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function abortedByTimeout(signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  return signal.reason instanceof DeadlineExceeded || nameOf(signal.reason) === 'TimeoutError';
}

function nameOf(error: unknown): unknown {
  return (error as { name?: unknown } | null | undefined)?.name;
}

function failure(
  failureClass: FailureClass,
  message: string,
  details: ConstructorParameters<typeof UpstreamFailure>[3],
): UpstreamFailure {
  return new UpstreamFailure('claude', failureClass, message, details);
}
