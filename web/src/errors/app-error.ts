import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from '../gql/enums';

/** Apollo Server's request-level codes: the request itself was refused before it ran. */
export type RequestErrorCode =
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'PERSISTED_QUERY_NOT_FOUND';

/** Failures the browser sees without an answer in the API's error shape. */
export type ClientErrorCode = 'NETWORK' | 'UNKNOWN';

export type AppErrorCode = ErrorCode | RequestErrorCode | ClientErrorCode;

/**
 * What the app keeps of an error: the code and the hints that go with it. The server's message is
 * deliberately not kept; every code has a message of the app's own (messages.ts).
 */
export interface AppError {
  code: AppErrorCode;
  retryable: boolean;
  retryAfterSeconds?: number;
  requestId?: string;
  /** For BAD_USER_INPUT: the input paths the server refused. */
  fields?: string[];
}

const SERVER_CODES: ReadonlySet<string> = new Set<ErrorCode | RequestErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'UPSTREAM_BUSY',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'QUOTA_EXHAUSTED',
  'CONTENT_INVALID',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/** True for the codes the server sends (the closed set and Apollo's request-level codes). */
export function isAppErrorCode(value: unknown): value is ErrorCode | RequestErrorCode {
  return typeof value === 'string' && SERVER_CODES.has(value);
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** The first error of a GraphQL answer, read from its extensions only. */
export function fromGraphQLErrors(errors: ReadonlyArray<GraphQLFormattedError>): AppError {
  const extensions = errors[0]?.extensions ?? {};
  const code = isAppErrorCode(extensions.code) ? extensions.code : 'UNKNOWN';
  const retryAfterSeconds = positiveNumber(extensions.retryAfterSeconds);
  const fields = stringList(extensions.fields);
  return {
    code,
    retryable: extensions.retryable === true,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    ...(typeof extensions.requestId === 'string' && { requestId: extensions.requestId }),
    ...(fields && { fields }),
  };
}

/**
 * A non-GraphQL HTTP answer (a 401 from the auth layer, a refused upload) whose body may still be in the error
 * shape; `retry-after` counts when the body does not say when to retry.
 */
export function fromHttpBody(bodyText: string, status: number, retryAfterHeader: string | null): AppError {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const parsed = fromGraphQLErrors(body.errors as GraphQLFormattedError[]);
      const retryAfterSeconds = parsed.retryAfterSeconds ?? positiveNumber(Number(retryAfterHeader));
      return { ...parsed, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) };
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): judged by the status below.
  }
  if (status === 401) return { code: 'UNAUTHENTICATED', retryable: false };
  if (status === 403) return { code: 'FORBIDDEN', retryable: false };
  return { code: 'UNKNOWN', retryable: status >= 500 };
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Any failure of a call to the BFF, as the app shows it. */
export function toAppError(error: unknown): AppError {
  if (CombinedGraphQLErrors.is(error)) return fromGraphQLErrors(error.errors);
  if (ServerError.is(error) || ServerParseError.is(error)) {
    return fromHttpBody(error.bodyText, error.statusCode, error.response.headers.get('retry-after'));
  }
  // fetch rejects with a TypeError when it gets no answer at all: offline, DNS, CORS refusal.
  if (error instanceof TypeError) return { code: 'NETWORK', retryable: true };
  return { code: 'UNKNOWN', retryable: false };
}
