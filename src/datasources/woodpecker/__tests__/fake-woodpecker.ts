import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted Woodpecker at the network edge: a real HTTP server on loopback that answers each route with the
 * exact wire shapes of docs/upstreams.md §1 (quirks included) and records every request it receives.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, when there was one. */
  body: unknown;
}

export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  /** A raw body: HTML pages, truncated JSON, empty 200s. */
  | { status?: number; text: string; contentType?: string; headers?: Record<string, string> }
  /** 204 and other body-less answers. */
  | { status: number; headers?: Record<string, string>; empty: true }
  /** The socket is destroyed before any byte of an answer. */
  | { reset: 'before-response' }
  /** Headers and part of the body are sent, then the socket is destroyed. */
  | { reset: 'mid-body'; partial: string }
  /** No answer at all (for timeouts); the socket is destroyed when the server closes. */
  | { hang: true }
  /** A 200 whose chunked body never ends (up to a safety bound of 256 MiB) until the client hangs up. */
  | { endless: true };

export type Handler = (request: RecordedRequest) => Reply;

export interface FakeWoodpecker {
  url: string;
  requests: RecordedRequest[];
  /** `GET /v1/prospects` → replies used in order (the last one repeats), or a function of the request. */
  on(route: string, reply: Reply | Reply[] | Handler): void;
  requestsTo(route: string): RecordedRequest[];
  /** Responses whose connection closed before their body was complete (the client hung up mid-body). */
  readonly cutOff: number;
  reset(): void;
  close(): Promise<void>;
}

/** The v1 error envelope, at whatever HTTP status the test picks. */
export function v1Error(code: string, msg = 'error text from Woodpecker') {
  return { status: { status: 'ERROR', code, msg } };
}

const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x');
const ENDLESS_LIMIT_BYTES = 256 * 1024 * 1024;

function sendEndless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let written = 0;
  const pump = (): void => {
    while (!res.destroyed && written < ENDLESS_LIMIT_BYTES) {
      written += ENDLESS_CHUNK.length;
      if (!res.write(ENDLESS_CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function send(res: ServerResponse, reply: Reply): void {
  if ('hang' in reply) return;
  if ('endless' in reply) return sendEndless(res);
  if ('reset' in reply) {
    if (reply.reset === 'before-response') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(reply.partial.length + 100) });
    res.write(reply.partial, () => res.socket?.destroy());
    return;
  }
  const status = reply.status ?? 200;
  if ('empty' in reply) {
    res.writeHead(status, reply.headers).end();
  } else if ('json' in reply) {
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.json));
  } else {
    res.writeHead(status, { 'content-type': reply.contentType ?? 'application/json', ...reply.headers }).end(reply.text);
  }
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** `pathPrefix` mirrors the real base URL (`https://api.woodpecker.co/rest`). */
export async function startFakeWoodpecker(pathPrefix = '/rest'): Promise<FakeWoodpecker> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  let cutOff = 0;
  const server = createServer((req, res) => {
    res.once('close', () => {
      if (!res.writableFinished) cutOff += 1;
    });
    void record(req).then((request) => {
      const path = request.path.startsWith(pathPrefix) ? request.path.slice(pathPrefix.length) : request.path;
      const recorded = { ...request, path };
      requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${path}`);
      send(res, handler ? handler(recorded) : { status: 400, json: v1Error('E_URL_NOT_FOUND', 'Url not found') });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathPrefix}`,
    requests,
    on(route, reply) {
      if (typeof reply === 'function') {
        routes.set(route, reply);
        return;
      }
      const queue = Array.isArray(reply) ? [...reply] : [reply];
      routes.set(route, () => (queue.length > 1 ? queue.shift() : queue[0]) as Reply);
    },
    requestsTo(route) {
      return requests.filter((r) => `${r.method} ${r.path}` === route);
    },
    get cutOff() {
      return cutOff;
    },
    reset() {
      routes.clear();
      requests.length = 0;
      cutOff = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
