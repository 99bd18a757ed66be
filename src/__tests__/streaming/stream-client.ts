import { print } from 'graphql';
import { createClient, type ExecutionResult, type RequestParams } from 'graphql-sse';
import { GenerateContentStreamDocument, type GenerateContentStreamSubscription } from '../../generated/operations/graphql';
import { until } from '../../testing/until';

export type StreamEvent = GenerateContentStreamSubscription['generateContentStream'];
type Result = ExecutionResult<GenerateContentStreamSubscription, unknown>;

export const STREAM_QUERY = print(GenerateContentStreamDocument);

export const leadInput = (email = 'dana.kim@northwind.example') => ({
  lead: { email, firstName: 'Dana', lastName: 'Kim', company: 'Northwind', title: 'VP Sales', industry: 'Logistics' },
  prompt: 'Mention our route-planning pilot.',
});

/** One subscription through graphql-sse's own client (distinct connections mode, Node's fetch), as the app runs it. */
export interface OpenStream {
  /** Every result received so far, in order. */
  readonly results: Result[];
  /** The events of those results. */
  events(): StreamEvent[];
  /** Resolves when the server completed the stream; rejects with the client's error (e.g. a NetworkError for a 401). */
  readonly done: Promise<void>;
  /** Waits (bounded) until some received event satisfies `predicate`. */
  until(what: string, predicate: (events: StreamEvent[]) => boolean): Promise<void>;
  /** What the app does when the user cancels: the client aborts its request. */
  unsubscribe(): void;
}

export function openStream(
  baseUrl: string,
  payload: Partial<RequestParams> = { query: STREAM_QUERY, variables: { input: leadInput() } },
  headers: Record<string, string> = {},
): OpenStream {
  // The app's setting: a retry would start (and pay for) a second generation.
  const client = createClient({ url: `${baseUrl}/graphql/stream`, retryAttempts: 0, headers, fetchFn: fetch });
  const results: Result[] = [];
  let unsubscribe = () => {};
  const done = new Promise<void>((resolve, reject) => {
    unsubscribe = client.subscribe<GenerateContentStreamSubscription>(payload as RequestParams, {
      next: (result) => void results.push(result),
      error: reject,
      complete: resolve,
    });
  });
  // A test that leaves without awaiting `done` (it unsubscribed, or failed first) must not leave an unhandled
  // rejection behind for whichever suite runs next in the worker; awaiting `done` still sees the error.
  done.catch(() => undefined);
  const events = () => results.flatMap((r) => (r.data?.generateContentStream ? [r.data.generateContentStream] : []));
  return {
    results,
    events,
    done,
    until: (what, predicate) => until(what, () => predicate(events())),
    unsubscribe: () => unsubscribe(),
  };
}

/** Runs one subscription to its end and returns its results. */
export async function streamToEnd(baseUrl: string, payload?: Partial<RequestParams>, headers?: Record<string, string>): Promise<Result[]> {
  const stream = openStream(baseUrl, payload, headers);
  await stream.done;
  return stream.results;
}

/** The text the deltas brought, per snippet. */
export function streamedText(events: readonly StreamEvent[]): Record<number, string> {
  const text: Record<number, string> = {};
  for (const event of events) if (event.__typename === 'SnippetDelta') text[event.snippet] = (text[event.snippet] ?? '') + event.text;
  return text;
}

/** A raw POST to the stream route, for what graphql-sse's client would never send. */
export function postStream(baseUrl: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body,
  });
}
