import type { ErrorRequestHandler, RequestHandler } from 'express';
import { describeError, logger } from '../logging/logger';

const log = logger.child({ component: 'http' });

/** The GraphQL error shape, for errors raised outside GraphQL execution. */
export function errorBody(res: { locals: Record<string, unknown> }, code: string, message: string) {
  return { errors: [{ message, extensions: { code, retryable: false, requestId: res.locals.requestId } }] };
}

/**
 * Errors raised before GraphQL runs (unreadable JSON, oversized bodies) get the same error shape as
 * GraphQL errors, with a clear 4xx; nothing unexpected leaks a stack trace.
 */
export const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (error?.type === 'entity.too.large') {
    res.status(413).json(errorBody(res, 'BAD_REQUEST', `The request body is too large (limit ${error.limit} bytes).`));
  } else if (error?.type === 'entity.parse.failed') {
    res.status(400).json(errorBody(res, 'BAD_REQUEST', 'The request body is not valid JSON.'));
  } else if (status >= 400 && status < 500) {
    res.status(status).json(errorBody(res, 'BAD_REQUEST', 'The request could not be read.'));
  } else {
    log.error('unexpected HTTP error', { error: describeError(error) });
    res.status(500).json(errorBody(res, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'));
  }
};

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody(res, 'NOT_FOUND', 'No such route. The API is at /graphql.'));
};
