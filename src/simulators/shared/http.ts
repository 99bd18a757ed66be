import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * A response that has been computed but not yet written. Handlers return these instead of writing, so the
 * fault layer can still delay, truncate or cut the connection after the real answer exists.
 */
export interface Reply {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string;
}

export const JSON_TYPE = { 'content-type': 'application/json' } as const;

export function jsonReply(status: number, value: unknown, headers?: OutgoingHttpHeaders): Reply {
  return { status, headers: headers ? { ...JSON_TYPE, ...headers } : JSON_TYPE, body: JSON.stringify(value) };
}

/** For bodies serialised ahead of time (caches), so the hot path skips JSON.stringify. */
export function preserialisedJsonReply(status: number, body: string, headers?: OutgoingHttpHeaders): Reply {
  return { status, headers: headers ? { ...JSON_TYPE, ...headers } : JSON_TYPE, body };
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  // A 204 must carry neither a body nor a Content-Length.
  if (reply.status === 204) {
    res.writeHead(204, reply.headers);
    res.end();
    return;
  }
  const body = reply.body ?? '';
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too_large' };

/** Reads the whole request body; past the limit it keeps draining (so keep-alive survives) but drops the bytes. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > limitBytes ? { kind: 'too_large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }),
    );
    req.on('error', reject);
  });
}

/** `undefined` unless the text is a JSON object (arrays and scalars are not valid request bodies here). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits `ms`, ending early when the simulator closes or (if given) the client hangs up. Resolves whether the
 * caller should carry on. Allocates nothing for `ms <= 0`, which is the benchmark hot path.
 */
export function pause(ms: number, closing: AbortSignal, res?: ServerResponse): Promise<boolean> | boolean {
  if (closing.aborted || res?.destroyed) return false;
  if (ms <= 0) return true;
  return new Promise((resolve) => {
    const finish = (carryOn: boolean) => {
      clearTimeout(timer);
      closing.removeEventListener('abort', onStop);
      res?.off('close', onStop);
      resolve(carryOn);
    };
    const onStop = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    closing.addEventListener('abort', onStop, { once: true });
    res?.once('close', onStop);
  });
}

/** Resolves when the client hangs up or the simulator closes: the "never answers" mode. */
export function untilGone(closing: AbortSignal, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (closing.aborted || res.destroyed) return resolve();
    const done = () => {
      closing.removeEventListener('abort', done);
      res.off('close', done);
      resolve();
    };
    closing.addEventListener('abort', done, { once: true });
    res.once('close', done);
  });
}

export function formatOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
