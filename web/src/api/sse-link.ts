import { ApolloLink } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { Observable } from '@apollo/client/utilities';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, NetworkError, type Client } from 'graphql-sse';
import { printPersisted } from './persisted-documents';

export interface SseLinkOptions {
  url: string;
  headers: () => Record<string, string>;
  fetchFn?: typeof fetch;
}

/**
 * Subscriptions over graphql-sse (distinct connections: one POST per subscription, its response the event
 * stream). `retryAttempts: 0` because the client would otherwise re-POST the same subscription after a network
 * error, which for a generation means starting it a second time. Unsubscribing aborts the request, which is
 * how the server learns to cancel.
 */
export class SseLink extends ApolloLink {
  private readonly client: Client;

  constructor(options: SseLinkOptions) {
    super();
    this.client = createClient({
      url: options.url,
      retryAttempts: 0,
      headers: options.headers,
      ...(options.fetchFn && { fetchFn: options.fetchFn }),
    });
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    return new Observable<ApolloLink.Result>((sink) =>
      this.client.subscribe<Record<string, unknown>, Record<string, unknown>>(
        {
          query: printPersisted(operation.query, print),
          variables: operation.variables,
          operationName: operation.operationName,
          extensions: operation.extensions,
        },
        {
          next: (result) => sink.next(result as FormattedExecutionResult),
          complete: () => sink.complete(),
          error: (error: unknown) => void linkError(error).then((reported) => sink.error(reported)),
        },
      ),
    );
  }
}

/**
 * graphql-sse's failures as HttpLink reports the same ones, so the app reads them in one place: an answer that is
 * not an event stream (a 401 from the auth layer, a 400 refusal, in the GraphQL error shape) becomes a ServerError
 * with its body; no answer at all (offline, refused, the connection dropped mid-stream) the TypeError fetch throws.
 */
async function linkError(error: unknown): Promise<Error> {
  if (!(error instanceof NetworkError)) return error instanceof Error ? error : new Error('The stream failed');
  const response: unknown = error.response;
  if (!(response instanceof Response)) return new TypeError(error.message);
  const bodyText = await response.text().catch(() => '');
  return new ServerError(`The stream answered ${response.status}`, { response, bodyText });
}
