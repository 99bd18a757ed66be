import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { BffError } from '../errors';
import { describeError, logger } from '../logging/logger';

const log = logger.child({ component: 'http' });

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/**
 * The media type Apollo Server would choose: `application/graphql-response+json` when the client prefers it,
 * `application/json` otherwise (and without an Accept header). Apollo Client 4 reads the errors of the former at
 * any status (CombinedGraphQLErrors); of the latter at a 4xx it only sees a ServerError with the body as text.
 */
function responseType(req: Request): string {
  if (!req.get('accept')) return JSON_TYPE;
  return req.accepts([JSON_TYPE, GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : JSON_TYPE;
}

function sendError(req: Request, res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  const body = { errors: [{ message, extensions: { ...extensions, requestId: res.locals.requestId } }] };
  res.status(status).type(responseType(req)).send(JSON.stringify(body));
}

/** A refusal raised outside GraphQL execution, in the GraphQL response shape, so clients handle it like any other. */
export function sendGraphQLError(req: Request, res: Response, status: number, code: string, message: string): void {
  sendError(req, res, status, message, { code, retryable: false });
}

/**
 * A BffError raised by a route outside GraphQL (uploads), with the extensions a GraphQL error of it would carry
 * (code, retryable, retryAfterSeconds, fields) and `retry-after` when it says when to retry.
 */
export function sendBffError(req: Request, res: Response, status: number, error: BffError): void {
  const { http: _status, ...extensions } = error.extensions as Record<string, unknown>;
  if (error.retryAfterSeconds !== undefined) res.set('retry-after', String(error.retryAfterSeconds));
  sendError(req, res, status, error.message, extensions);
}

/**
 * Errors raised before GraphQL runs (unreadable JSON, oversized bodies) get the same error shape as
 * GraphQL errors, with a clear 4xx; nothing unexpected leaks a stack trace.
 */
export const jsonErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (error?.type === 'entity.too.large') {
    sendGraphQLError(req, res, 413, 'BAD_REQUEST', `The request body is too large (limit ${error.limit} bytes).`);
  } else if (error?.type === 'entity.parse.failed') {
    sendGraphQLError(req, res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  } else if (status >= 400 && status < 500) {
    sendGraphQLError(req, res, status, 'BAD_REQUEST', 'The request could not be read.');
  } else {
    log.error('unexpected HTTP error', { error: describeError(error) });
    sendGraphQLError(req, res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
  }
};

export const notFound: RequestHandler = (req, res) => {
  sendGraphQLError(req, res, 404, 'NOT_FOUND', 'No such route. The API is at /graphql.');
};
