import { GraphQLError } from 'graphql';

/** The closed set of `extensions.code` values (mirrors `enum ErrorCode` in schema/base.graphql). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_BUSY: 'UPSTREAM_BUSY',
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  QUOTA_EXHAUSTED: 'QUOTA_EXHAUSTED',
  CONTENT_INVALID: 'CONTENT_INVALID',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Apollo's request-level codes, raised before execution; they pass through masking unchanged. */
export const APOLLO_REQUEST_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const RETRYABLE: Record<ErrorCode, boolean> = {
  BAD_USER_INPUT: false,
  UNAUTHENTICATED: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  RATE_LIMITED: true,
  UPSTREAM_BUSY: true,
  UPSTREAM_RATE_LIMITED: true,
  UPSTREAM_UNAVAILABLE: true,
  UPSTREAM_TIMEOUT: true,
  QUOTA_EXHAUSTED: false,
  CONTENT_INVALID: true,
  INTERNAL_SERVER_ERROR: false,
};

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export interface BffErrorOptions {
  /** Seconds after which a retry can succeed, when the server knows it. */
  retryAfterSeconds?: number;
  /** Input paths (e.g. `input.prospects[3].email`) that failed validation. */
  fields?: string[];
  /** The underlying failure: logged server-side, never serialised to the client. */
  cause?: unknown;
}

/**
 * The only error type resolvers and data sources throw on purpose. Its message is written for the end user;
 * anything else thrown is masked by `formatError` into a generic INTERNAL_SERVER_ERROR.
 */
export class BffError extends GraphQLError {
  readonly code: ErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: BffErrorOptions = {}) {
    const retryAfterSeconds =
      options.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterSeconds));
    const status = HTTP_STATUS[code];
    super(message, {
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions: {
        code,
        retryable: RETRYABLE[code],
        ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
        ...(options.fields && { fields: options.fields }),
        ...(status && { http: { status } }),
      },
    });
    this.name = 'BffError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in RETRYABLE;
}

/** Shorthand for validation failures, which always name what was wrong. */
export function badInput(message: string, fields: string[]): BffError {
  return new BffError(ErrorCode.BAD_USER_INPUT, message, { fields });
}
