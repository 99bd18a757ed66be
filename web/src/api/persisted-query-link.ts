import { ApolloLink } from '@apollo/client';
import { persistedDocumentFor } from './persisted-documents';

/**
 * Adds the manifest hash of the operation as Apollo's `persistedQuery` extension. Sent together with the
 * manifest text (see `printPersisted`), one request works both against a server that accepts only the app's
 * persisted operations and against one that accepts any query.
 */
export const persistedQueryLink = new ApolloLink((operation, forward) => {
  const persisted = persistedDocumentFor(operation.query);
  if (persisted) {
    operation.extensions = { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: persisted.sha256Hash } };
  }
  return forward(operation);
});
