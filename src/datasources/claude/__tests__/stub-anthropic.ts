import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted Anthropic Messages endpoint on 127.0.0.1 for the real SDK to talk to: each request takes the next
 * scripted reply. Only what these tests need, the wire formats of docs/upstreams.md §2; the shared
 * simulator is the full fake.
 */

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is (HTML pages, truncated JSON). */
  body?: unknown;
  /** Wait this long before answering (attempt timeouts, aborts). */
  delayMs?: number;
  /** Destroy the socket instead of answering; with `body`, after sending the headers and half of it. */
  reset?: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** Settles when the exchange ends: answered, or the client closed the connection before the answer. */
  outcome: Promise<'answered' | 'abandoned'>;
}

export interface StubAnthropic {
  url: string;
  requests: RecordedRequest[];
  script(...replies: StubReply[]): void;
  /** Resolves once `count` requests have arrived in total. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Sent with every answer, as Anthropic does. */
export const RATE_LIMIT_HEADERS: Record<string, string> = {
  'anthropic-ratelimit-requests-limit': '50',
  'anthropic-ratelimit-requests-remaining': '49',
  'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:30Z',
  'anthropic-ratelimit-input-tokens-limit': '30000',
  'anthropic-ratelimit-input-tokens-remaining': '29000',
  'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:02Z',
  'anthropic-ratelimit-output-tokens-limit': '8000',
  'anthropic-ratelimit-output-tokens-remaining': '7000',
  'anthropic-ratelimit-output-tokens-reset': '2026-01-01T00:00:08Z',
};

export function messageBody(
  text: string,
  options: { stopReason?: string; inputTokens?: number; outputTokens?: number; model?: string } = {},
): Record<string, unknown> {
  return {
    id: 'msg_stub',
    type: 'message',
    role: 'assistant',
    model: options.model ?? 'claude-sonnet-4-6',
    content: [{ type: 'text', text, citations: null }],
    stop_reason: options.stopReason ?? 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: options.inputTokens ?? 900, output_tokens: options.outputTokens ?? 700 },
  };
}

export function errorBody(type: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'error', error: { type, message, ...extra }, request_id: 'req_in_body' };
}

export async function startStubAnthropic(): Promise<StubAnthropic> {
  const queue: StubReply[] = [];
  const requests: RecordedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let served = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const outcome = new Promise<'answered' | 'abandoned'>((resolve) =>
        res.once('close', () => resolve(res.writableFinished ? 'answered' : 'abandoned')),
      );
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : {}, outcome });
      for (const waiter of waiters.filter((w) => w.count <= requests.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const reply = queue.shift() ?? { status: 500, body: errorBody('api_error', 'the test scripted no reply') };
      const timer = setTimeout(() => {
        pending.delete(timer);
        answer(res, reply, ++served);
      }, reply.delayMs ?? 0);
      pending.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => queue.push(...replies),
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, reply: StubReply, n: number): void {
  if (res.destroyed) return;
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
  const contentType = typeof reply.body === 'string' ? 'text/html' : 'application/json';
  if (reply.reset && reply.body === undefined) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(reply.status ?? 200, {
    'content-type': contentType,
    'request-id': `req_stub_${n}`,
    ...RATE_LIMIT_HEADERS,
    ...reply.headers,
  });
  if (reply.reset) {
    res.write(text.slice(0, Math.floor(text.length / 2)));
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  res.end(text);
}
