import type { RequestHandler, Response } from 'express';
import { sendGraphQLError } from './json-errors';

const EVENT_STREAM = 'text/event-stream';

/**
 * The stream route takes exactly what graphql-sse's client sends in distinct connections mode: a POST with a JSON
 * body, asking for `text/event-stream`. That is also its CSRF defence: a cross-site form or `no-cors` fetch can only
 * send a CORS-safelisted content type, and graphql-sse itself only looks for "application/json" anywhere in the
 * header (so `text/plain; x=application/json` would pass it); the type is checked here as a media type. A GET
 * (EventSource, `<img>`) could run without a preflight, so it is not served at all.
 */
export function eventStreamRequests(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      res.set('allow', 'POST');
      return sendGraphQLError(req, res, 405, 'BAD_REQUEST', 'Streams are started with a POST (the graphql-sse protocol, distinct connections mode).');
    }
    if (!req.is('application/json')) {
      return sendGraphQLError(req, res, 415, 'BAD_REQUEST', 'Send the operation as a JSON body (content-type: application/json).');
    }
    if (req.get('accept') !== EVENT_STREAM) {
      return sendGraphQLError(req, res, 406, 'BAD_REQUEST', `This route answers with Server-Sent Events: send "accept: ${EVENT_STREAM}".`);
    }
    next();
  };
}

/** What keeps proxies from holding or compressing the events (nginx buffers unless told not to). */
const UNBUFFERED = { 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' } as const;

/**
 * Sets the unbuffered headers on every answer of the route. graphql-sse passes its own `cache-control: no-cache` to
 * `writeHead`, whose headers win over those set before it, so they are merged into that call.
 */
export function unbufferedStreamHeaders(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function writeUnbufferedHead(this: Response, status: number, ...rest: unknown[]) {
      const last = rest[rest.length - 1];
      if (typeof last === 'object' && last !== null && !Array.isArray(last)) rest[rest.length - 1] = { ...last, ...UNBUFFERED };
      else for (const [name, value] of Object.entries(UNBUFFERED)) this.setHeader(name, value);
      return (writeHead as (...args: unknown[]) => Response).call(this, status, ...rest);
    } as Response['writeHead'];
    next();
  };
}
