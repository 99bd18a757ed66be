/**
 * A stand-in for the BFF at the network edge: a `fetch` that answers GraphQL requests the way the server
 * does (application/graphql-response+json, errors with extensions), or with any raw HTTP answer.
 */
export interface FakeRequest {
  url: string;
  headers: Headers;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  extensions: Record<string, unknown> | undefined;
  signal: AbortSignal | undefined;
}

export type FakeAnswer =
  | { data?: unknown; errors?: unknown[] }
  | { http: { status: number; contentType?: string; body: string; headers?: Record<string, string> } };

export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeBff {
  fetch: typeof fetch;
  requests: FakeRequest[];
}

function respond(answer: FakeAnswer): Response {
  if ('http' in answer) {
    const { status, contentType = 'application/json', body, headers = {} } = answer.http;
    return new Response(body, { status, headers: { 'content-type': contentType, ...headers } });
  }
  return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/graphql-response+json' } });
}

export function fakeBff(handler: FakeHandler): FakeBff {
  const requests: FakeRequest[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body ?? '{}')) as Partial<FakeRequest>;
    const request: FakeRequest = {
      url: String(input),
      headers: new Headers(init?.headers),
      operationName: body.operationName ?? '',
      query: body.query ?? '',
      variables: body.variables ?? {},
      extensions: body.extensions,
      signal: init?.signal ?? undefined,
    };
    requests.push(request);
    return respond(await handler(request));
  };
  return { fetch: fetchFn as typeof fetch, requests };
}

/** A GraphQL error as the server writes it. */
export function bffError(code: string, extensions: Record<string, unknown> = {}, message = 'Server-side text the app must not show') {
  return { message, extensions: { code, requestId: 'req-test-1', retryable: false, ...extensions } };
}
