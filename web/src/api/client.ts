import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { authorizationHeaders } from './access-token';
import { persistedQueryLink } from './persisted-query-link';
import { printPersisted } from './persisted-documents';
import { SseLink } from './sse-link';

export interface ClientOptions {
  graphqlUrl: string;
  streamUrl: string;
  /** Read on every request, so a token typed into the page applies at once. */
  accessToken: () => string;
  /** Tests pass a fetch that answers like the server; the app uses the browser's. */
  fetchFn?: typeof fetch;
}

function isSubscription(operation: ApolloLink.Operation): boolean {
  const definition = getMainDefinition(operation.query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
}

/**
 * Queries and mutations go over HttpLink to /graphql; subscriptions (the generation stream) over graphql-sse
 * to /graphql/stream. Both carry the bearer token when one is set, and nothing else about the user.
 */
export function createApolloClient(options: ClientOptions): ApolloClient {
  const auth = new SetContextLink((previous) => ({
    headers: { ...previous.headers, ...authorizationHeaders(options.accessToken()) },
  }));
  const http = new HttpLink({
    uri: options.graphqlUrl,
    print: printPersisted,
    ...(options.fetchFn && { fetch: options.fetchFn }),
  });
  const sse = new SseLink({
    url: options.streamUrl,
    headers: () => authorizationHeaders(options.accessToken()),
    ...(options.fetchFn && { fetchFn: options.fetchFn }),
  });
  return new ApolloClient({
    link: ApolloLink.from([persistedQueryLink, ApolloLink.split(isSubscription, sse, ApolloLink.from([auth, http]))]),
    cache: new InMemoryCache(),
    defaultOptions: {
      // Campaign lists and duplicate checks must reflect Woodpecker now, not a previous answer.
      query: { fetchPolicy: 'network-only' },
    },
  });
}
