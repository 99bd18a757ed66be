import type { OutgoingHttpHeaders } from 'node:http';
import { type Reply, jsonReply } from '../shared/http';

export type ClaudeErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'
  | 'request_too_large';

/** The exact error body of the Messages API: `{type:"error", error:{type, message}, request_id}`. */
export function claudeErrorReply(
  status: number,
  type: ClaudeErrorType,
  message: string,
  requestId: string,
  extra: { details?: Record<string, unknown>; headers?: OutgoingHttpHeaders } = {},
): Reply {
  const error = extra.details ? { type, message, details: extra.details } : { type, message };
  return jsonReply(status, { type: 'error', error, request_id: requestId }, extra.headers);
}

/** The monthly spend cap: a 429 with no retry-after that no amount of retrying clears. */
export function spendCapReply(requestId: string): Reply {
  return claudeErrorReply(
    429,
    'rate_limit_error',
    'You have reached your specified workspace API usage limits. You will regain access on the first day of next month.',
    requestId,
    { details: { error_code: 'enforced_spend_limit_reached' } },
  );
}

/** Injected faults that the real API answers with its own JSON error body. */
export const INJECTED_ERRORS = {
  rate_limited: {
    status: 429,
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit',
  },
  server_error: { status: 500, type: 'api_error', message: 'Internal server error' },
  overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
  unavailable: { status: 503, type: 'api_error', message: 'Service unavailable' },
} as const satisfies Record<string, { status: number; type: ClaudeErrorType; message: string }>;

export type InjectedErrorKind = keyof typeof INJECTED_ERRORS;

export function isInjectedError(kind: string): kind is InjectedErrorKind {
  return Object.hasOwn(INJECTED_ERRORS, kind);
}

/** `retry-after` in whole seconds (at least 1), plus `retry-after-ms` when the test asked for precise waits. */
export function retryAfterHeaders(waitMs: number, sendMs: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
  if (sendMs) headers['retry-after-ms'] = String(Math.max(0, Math.round(waitMs)));
  return headers;
}
