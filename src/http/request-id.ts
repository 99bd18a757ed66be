import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { newRequestStats, runWithRequestContext } from '../logging/request-context';

/** A client-sent id is reused only when it is short and plain, so it cannot smuggle anything into logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The first middleware: every response carries `x-request-id`, and everything this request does — down to
 * the upstream gate — runs inside its async context, so every log line carries the id.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const sent = req.get('x-request-id');
    const id = sent && SANE_ID.test(sent) ? sent : randomUUID();
    res.setHeader('x-request-id', id);
    res.locals.requestId = id;
    runWithRequestContext({ requestId: id, stats: newRequestStats() }, next);
  };
}
