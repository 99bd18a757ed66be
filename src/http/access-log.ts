import type { RequestHandler, Response } from 'express';
import { logger } from '../logging/logger';
import { currentRequestContext, type RequestContext } from '../logging/request-context';

const log = logger.child({ component: 'access' });

/**
 * Requests that never became a GraphQL operation still get one access line, so any request id a client
 * quotes can be found: refused ones (401 from auth, 400/413 for an unreadable or oversized body, CSRF
 * prevention, unknown routes) at info, the rest (health checks, scrapes, preflights) at `http` level.
 * Operations have their own, richer line from the request-logging plugin, which marks the request context.
 */
export function accessLog(): RequestHandler {
  return (_req, res, next) => {
    res.locals.accessStartedAt = performance.now();
    res.locals.requestContext = currentRequestContext();
    // A shared function, not a closure per request: it finds what it needs on the response.
    res.on('finish', logUnlessOperation);
    next();
  };
}

function logUnlessOperation(this: Response): void {
  const ctx = this.locals.requestContext as RequestContext | undefined;
  if (ctx?.accessLogged) return;
  const refused = this.statusCode >= 400;
  if (!refused && !log.isLevelEnabled('http')) return;
  const durationMs = performance.now() - (this.locals.accessStartedAt as number);
  // Explicit ids: 'finish' may fire outside the request's async context.
  log.log(refused ? 'info' : 'http', refused ? 'http request refused' : 'http request', {
    requestId: ctx?.requestId,
    caller: ctx?.caller,
    method: this.req.method,
    path: this.req.originalUrl.split('?', 1)[0],
    status: this.statusCode,
    durationMs: Math.round(durationMs * 100) / 100,
  });
}
