import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorBody } from './json-errors';

type Manifest = Record<string, string>;

interface OperationParams {
  query?: unknown;
  extensions?: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const bareHash = (hash: string) => hash.replace(/^sha256:/, '');

function persistedHash(extensions: unknown): string | undefined {
  const parsed = typeof extensions === 'string' ? safeJson(extensions) : extensions;
  const hash = (parsed as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? bareHash(hash) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * PERSISTED_OPERATIONS_ONLY: the server accepts only the operations the app ships (src/operations/*.graphql,
 * hashed by codegen into persisted-documents.json). A client sends the hash alone (Apollo's persisted-query
 * extension) or the exact document text; anything else is refused before parsing, so an attacker cannot
 * run hand-written queries at all. Runs before Apollo, which then sees an ordinary request.
 */
export function persistedOperationsOnly(manifest: Manifest): RequestHandler {
  const documents = new Map(Object.entries(manifest).map(([hash, text]) => [bareHash(hash), text]));
  return (req, res, next) => {
    const params = (req.method === 'GET' ? req.query : req.body) as OperationParams | undefined;
    if (!params || typeof params !== 'object') return next();
    const hash = persistedHash(params.extensions) ?? (typeof params.query === 'string' ? sha256(params.query) : undefined);
    const document = hash === undefined ? undefined : documents.get(hash);
    if (document === undefined) {
      res
        .status(400)
        .json(errorBody(res, 'PERSISTED_QUERY_NOT_FOUND', 'This server only runs the operations shipped with the app (persisted operations).'));
      return;
    }
    // Apollo then runs the stored text; the persisted-query extension has done its job here.
    if (req.method === 'GET') {
      // Apollo's Express integration reads GET parameters from the raw URL, so the URL is rewritten.
      const url = new URL(req.url, 'http://localhost');
      url.searchParams.delete('extensions');
      url.searchParams.set('query', document);
      req.url = `${url.pathname}${url.search}`;
    } else {
      const { extensions: _used, ...rest } = params;
      req.body = { ...rest, query: document };
    }
    next();
  };
}
