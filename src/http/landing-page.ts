import type { Request } from 'express';

/** The answer types Apollo Server chooses between on a GET, in its order: the landing page only when HTML wins. */
const APOLLO_GET_MEDIA_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'multipart/mixed; deferSpec=20220824',
  'multipart/mixed; incrementalSpec=v0.2',
  'multipart/mixed',
  'text/html',
];

/** The parameters with which a GET can run an operation: a document, or a persisted-query hash. */
const EXECUTING_PARAMETERS = ['query', 'extensions'];

/**
 * True for the one request that is served without credentials in development: a GET for the Sandbox page.
 * Decided by what the request can do, not only by content negotiation: a GET with a `query` or `extensions`
 * parameter can execute, whatever its Accept header says, so it is never let through (Express and Apollo do not
 * negotiate alike: `application/graphql-response+json, text/html` is HTML to one and GraphQL to the other).
 * The parameters are read the way Apollo reads them (URLSearchParams over the raw query string); everything
 * after the first `?` is read, so this sees at least the parameters Apollo sees.
 */
export function isLandingPageRequest(req: Request, isProduction: boolean): boolean {
  if (isProduction || req.method !== 'GET') return false;
  const at = req.url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
  if (EXECUTING_PARAMETERS.some((name) => params.has(name))) return false;
  return req.accepts(APOLLO_GET_MEDIA_TYPES) === 'text/html';
}
