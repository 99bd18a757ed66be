import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequestContext } from '../logging/request-context';
import { describeError, logger } from '../logging/logger';
import { APOLLO_REQUEST_CODES, BffError, ErrorCode } from '../errors';

const log = logger.child({ component: 'errors' });

function requestId(): string | undefined {
  return currentRequestContext()?.requestId;
}

/** Apollo's request-level messages quote the client's input (an operation name, a field name) in full. */
const MAX_ECHOED_MESSAGE_CHARS = 1_000;

function clipEcho(message: string): string {
  return message.length <= MAX_ECHOED_MESSAGE_CHARS ? message : `${message.slice(0, MAX_ECHOED_MESSAGE_CHARS)}…`;
}

/**
 * The last line before a client sees an error. Our own BffErrors keep their code, user message and hints;
 * Apollo's request-level errors (parse, validation, variable coercion) keep their standard code and message,
 * which describe the client's own input; everything else is logged once with its cause chain and replaced
 * by a generic INTERNAL_SERVER_ERROR that quotes the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { locations, path } = formatted;
  if (original instanceof BffError) {
    const { code, retryable, retryAfterSeconds, fields } = original.extensions;
    return {
      message: original.message,
      locations,
      path,
      extensions: { code, retryable, retryAfterSeconds, fields, requestId: requestId() },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (APOLLO_REQUEST_CODES.has(code) || code === ErrorCode.BAD_USER_INPUT)) {
    return { message: clipEcho(formatted.message), locations, path, extensions: { code, retryable: false, requestId: requestId() } };
  }
  const id = requestId();
  const masked = {
    message: `Something went wrong on our side.${id ? ` Quote request id ${id} if you contact support.` : ''}`,
    path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, retryable: false, requestId: id },
  };
  // The one line this failure gets: its cause chain and stack beside exactly what the client was told.
  log.error('unexpected error, masked for the client', {
    requestId: id,
    path,
    clientCode: masked.extensions.code,
    clientMessage: masked.message,
    error: describeError(original),
  });
  return masked;
}
