/**
 * A stand-in for the BFF at the network edge: a `fetch` that answers GraphQL requests the way the server
 * does (application/graphql-response+json, errors with extensions), subscriptions as graphql-sse event streams
 * the test writes to, or any raw HTTP answer.
 */
export interface FakeRequest {
  url: string;
  method: string;
  headers: Headers;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  extensions: Record<string, unknown> | undefined;
  /** A multipart body (an upload), as sent. */
  form: FormData | undefined;
  signal: AbortSignal | undefined;
}

/**
 * The event stream of one subscription (graphql-sse, distinct connections): each `next` is written as it is
 * called, `complete` ends it. `closedByClient` turns true when the client aborts its request (an unsubscribe).
 */
export class FakeEventStream {
  closedByClient = false;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private readonly encoder = new TextEncoder();
  private readonly early: string[] = [];

  next(result: object): void {
    this.write(`event: next\ndata: ${JSON.stringify(result)}\n\n`);
  }

  complete(): void {
    this.write('event: complete\ndata:\n\n');
    this.controller?.close();
  }

  /** The response, written to by this stream until it completes or the request is aborted. */
  open(signal: AbortSignal | undefined): Response {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        for (const chunk of this.early.splice(0)) controller.enqueue(this.encoder.encode(chunk));
      },
    });
    signal?.addEventListener('abort', () => {
      this.closedByClient = true;
      this.controller?.error(new DOMException('The user aborted a request.', 'AbortError'));
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }

  private write(chunk: string): void {
    if (this.closedByClient) return;
    if (this.controller) this.controller.enqueue(this.encoder.encode(chunk));
    else this.early.push(chunk);
  }
}

/** A stream that sends these results and completes. */
export function eventStream(results: readonly object[]): FakeEventStream {
  const stream = new FakeEventStream();
  for (const result of results) stream.next(result);
  stream.complete();
  return stream;
}

export type FakeAnswer =
  | { data?: unknown; errors?: unknown[] }
  | { stream: FakeEventStream }
  | { http: { status: number; contentType?: string; body: string; headers?: Record<string, string> } };

export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeBff {
  fetch: typeof fetch;
  requests: FakeRequest[];
}

function respond(answer: FakeAnswer, signal: AbortSignal | undefined): Response {
  if ('stream' in answer) return answer.stream.open(signal);
  if ('http' in answer) {
    const { status, contentType = 'application/json', body, headers = {} } = answer.http;
    return new Response(body, { status, headers: { 'content-type': contentType, ...headers } });
  }
  return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/graphql-response+json' } });
}

function jsonBody(body: unknown): Partial<FakeRequest> {
  if (typeof body !== 'string') return {};
  return JSON.parse(body) as Partial<FakeRequest>;
}

export function fakeBff(handler: FakeHandler): FakeBff {
  const requests: FakeRequest[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const form = init?.body instanceof FormData ? init.body : undefined;
    const body = jsonBody(init?.body);
    const signal = init?.signal ?? undefined;
    const request: FakeRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      operationName: body.operationName ?? '',
      query: body.query ?? '',
      variables: body.variables ?? {},
      extensions: body.extensions,
      form,
      signal,
    };
    requests.push(request);
    if (signal?.aborted) throw new DOMException('The user aborted a request.', 'AbortError');
    return respond(await handler(request), signal);
  };
  return { fetch: fetchFn as typeof fetch, requests };
}

/** A GraphQL error as the server writes it. */
export function bffError(code: string, extensions: Record<string, unknown> = {}, message = 'Server-side text the app must not show') {
  return { message, extensions: { code, requestId: 'req-test-1', retryable: false, ...extensions } };
}
