import { GraphQLError } from 'graphql';
import { ErrorCode, httpStatusOf, isRetryable } from './codes';

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
    const status = httpStatusOf(code);
    super(message, {
      originalError: options.cause instanceof Error ? options.cause : undefined,
      extensions: {
        code,
        retryable: isRetryable(code),
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

/** Shorthand for validation failures, which always name what was wrong. */
export function badInput(message: string, fields: string[]): BffError {
  return new BffError(ErrorCode.BAD_USER_INPUT, message, { fields });
}
