import type { ServerResponse } from 'node:http';
import { JSON_TYPE, type Reply } from './http';

/**
 * Failures that happen below the vendor's API layer (proxies, load balancers, dying processes), so both
 * simulators inject them the same way; the vendor modules only add their own error bodies on top.
 */

const STATUS_TEXT = {
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
} as const;

/** What a CDN or reverse proxy sends instead of the API's JSON: clients must not try to parse it. */
export function htmlErrorReply(status: keyof typeof STATUS_TEXT, server: 'cloudflare' | 'nginx'): Reply {
  const text = STATUS_TEXT[status];
  const body =
    server === 'cloudflare'
      ? `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title></head><body>` +
        `<h1>${status} ${text}</h1><p>The request could not be completed by the origin.</p>` +
        `<p>Ray ID: 8f2c1d0e5a7b3c91 &bull; Cloudflare</p></body></html>\n`
      : `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n` +
        `<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'content-type': 'text/html; charset=UTF-8', server }, body };
}

/** A 200 whose JSON stops halfway, as when a proxy cuts a buffered response. */
export function malformedReply(reply: Reply | undefined): Reply {
  const body = reply?.body || '{"';
  return { status: 200, headers: reply?.headers ?? JSON_TYPE, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) };
}

export function empty200Reply(): Reply {
  return { status: 200, headers: JSON_TYPE, body: '' };
}

/** Kills the connection with a TCP RST, which clients report as ECONNRESET / "socket hang up". */
export function resetSocket(res: ServerResponse): void {
  res.socket?.resetAndDestroy();
}

/**
 * Resets the connection. With a reply, the status line and half the body go out first (a reset mid-body);
 * without one the client sees the socket die before any response byte.
 */
export function resetConnection(res: ServerResponse, reply: Reply | undefined): void {
  if (!reply?.body) return resetSocket(res);
  const bytes = Buffer.from(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': bytes.length });
  // Reset only once the half body reached the kernel, or the client might not see any of it.
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => resetSocket(res));
}
