import type { ErrorCode as SchemaErrorCode } from '../generated/schema-enums';

interface CodeFacts {
  /** Whether the same request may succeed later, as `extensions.retryable` tells the client. */
  retryable: boolean;
  /** The HTTP status of a response that carries only this error; 200 when absent (GraphQL over HTTP). */
  httpStatus?: number;
}

/**
 * The closed set of `extensions.code` values and what each one promises. Keyed by the SDL's `enum ErrorCode`
 * (through the generated type), so a code added to or dropped from the schema without this table — or the other
 * way round — is a compile error, not a drift found in production.
 */
const CODES = {
  BAD_USER_INPUT: { retryable: false },
  UNAUTHENTICATED: { retryable: false, httpStatus: 401 },
  FORBIDDEN: { retryable: false, httpStatus: 403 },
  NOT_FOUND: { retryable: false },
  RATE_LIMITED: { retryable: true },
  UPSTREAM_BUSY: { retryable: true },
  UPSTREAM_RATE_LIMITED: { retryable: true },
  UPSTREAM_UNAVAILABLE: { retryable: true },
  UPSTREAM_TIMEOUT: { retryable: true },
  QUOTA_EXHAUSTED: { retryable: false },
  CONTENT_INVALID: { retryable: true },
  INTERNAL_SERVER_ERROR: { retryable: false },
} as const satisfies Record<SchemaErrorCode, CodeFacts>;

export type ErrorCode = keyof typeof CODES;

/** `ErrorCode.RATE_LIMITED` and friends: the codes as values, for throwing and comparing. */
export const ErrorCode = Object.freeze(
  Object.fromEntries(Object.keys(CODES).map((code) => [code, code])) as { readonly [C in ErrorCode]: C },
);

/** Apollo's request-level codes, raised before execution; they pass through masking unchanged. */
export const APOLLO_REQUEST_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** Own properties only: a value such as `constructor` or `__proto__` is not a code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(CODES, value);
}

export function isRetryable(code: ErrorCode): boolean {
  return CODES[code].retryable;
}

export function httpStatusOf(code: ErrorCode): number | undefined {
  const facts: CodeFacts = CODES[code];
  return facts.httpStatus;
}
