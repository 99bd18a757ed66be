import { ApolloLink } from '@apollo/client';
import { Observable } from '@apollo/client/utilities';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-sse';
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
          error: (error: unknown) => sink.error(error instanceof Error ? error : new Error(describeStreamError(error))),
        },
      ),
    );
  }
}

/** graphql-sse reports HTTP failures as Response objects or error arrays; Apollo wants an Error. */
function describeStreamError(error: unknown): string {
  if (typeof Response !== 'undefined' && error instanceof Response) return `The stream answered ${error.status}`;
  return 'The stream failed';
}
