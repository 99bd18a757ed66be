import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { DocumentNode } from 'graphql';

/**
 * A client as a React app on Apollo Client 4 and the codegen client preset builds it: its own links, cache and
 * error classes over real HTTP, with its fetch recorded so tests can assert what went over the wire.
 */

export interface SentRequest {
  method: string;
  body: Record<string, unknown> | undefined;
}

function recordingFetch(sent: SentRequest[], headers: Record<string, string>): typeof fetch {
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    sent.push({ method: init?.method ?? 'GET', body });
    return fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });
  };
}

/** PersistedQueryLink's own hashing (of the printed query), with node:crypto. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The client preset puts each document's manifest hash in `__meta__`; this is how an app sends it. */
export const manifestHash = (document: DocumentNode) => (document as unknown as { __meta__: { hash: string } }).__meta__.hash;

export function appClient(baseUrl: string, options: { persisted?: ApolloLink; sent?: SentRequest[]; headers?: Record<string, string> } = {}) {
  const http = new HttpLink({ uri: `${baseUrl}/graphql`, fetch: recordingFetch(options.sent ?? [], options.headers ?? {}) });
  return new ApolloClient({ cache: new InMemoryCache(), link: options.persisted ? ApolloLink.from([options.persisted, http]) : http });
}

/** The extensions of the first GraphQL error Apollo Client rejected with; anything but CombinedGraphQLErrors is thrown. */
export async function refusalOf(promise: Promise<unknown>): Promise<Record<string, unknown> | undefined> {
  const error = await promise.then(
    () => new Error('expected Apollo Client to reject'),
    (e: unknown) => e,
  );
  if (!CombinedGraphQLErrors.is(error)) throw error;
  return error.errors[0]?.extensions;
}
