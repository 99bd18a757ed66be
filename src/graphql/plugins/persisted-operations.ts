import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { GraphQLContext } from '../context';

/**
 * The operations the app ships: `sha256:<hex>` → document text, as the codegen client preset writes
 * persisted-documents.json (the text normalised: selections sorted, one line).
 */
export type PersistedManifest = Readonly<Record<string, string>>;

const SHA256_PREFIX = 'sha256:';
/** Automatic registrations kept in default mode (bytes of query text, roughly); the least recently used go first. */
const REGISTERED_MAX_BYTES = 4 * 1024 * 1024;

const bareHash = (hash: string) => (hash.startsWith(SHA256_PREFIX) ? hash.slice(SHA256_PREFIX.length) : hash);

/**
 * Apollo's persisted-query cache, answered from the manifest first: a manifest hash resolves in every mode,
 * with or without the `sha256:` prefix the client preset writes. Besides the manifest it keeps the automatic
 * registrations (APQ: hash + text, verified by Apollo) when there is a `registered` cache, that is in default mode.
 */
class ManifestCache implements KeyValueCache<string> {
  constructor(
    private readonly documents: ReadonlyMap<string, string>,
    private readonly registered: KeyValueCache<string> | undefined,
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return this.documents.get(bareHash(hash)) ?? this.registered?.get(hash);
  }

  async set(hash: string, text: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.documents.has(bareHash(hash))) await this.registered?.set(hash, text, options);
  }

  async delete(hash: string): Promise<boolean | void> {
    return this.registered?.delete(hash);
  }
}

export const notShipped = () =>
  new GraphQLError('This server only runs the operations shipped with the app (persisted operations).', {
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
  });

/** Apollo's answer to a hash it has no document for, which persisted-query clients recognise. */
export const unknownPersistedQuery = () =>
  new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });

/** The manifest as both routes read it: /graphql through Apollo's cache and plugin, the stream route directly. */
export interface PersistedDocuments {
  /** The document text a manifest hash names (with or without `sha256:`). */
  lookup(hash: string): string | undefined;
  /** Whether an operation is one the app ships: its exact text, or its normalised printing, is in the manifest. */
  isShipped(source: string, document: DocumentNode): boolean;
  /** PERSISTED_OPERATIONS_ONLY: only shipped operations run. */
  readonly safelist: boolean;
}

/**
 * Persisted operations on Apollo's own persisted-query machinery (Apollo Client's PersistedQueryLink speaks it):
 * - every mode: a request carrying only a manifest hash runs the manifest's document;
 * - default mode: anything else runs too, and a hash unknown to the manifest can be registered with its text
 *   (automatic persisted queries). That adds no capability, since the text alone would run anyway; it saves the
 *   client bandwidth, and the registrations are bounded (LRU) and can never shadow a manifest hash;
 * - `safelist` (PERSISTED_OPERATIONS_ONLY): nothing is registered, and an operation runs only when its document
 *   is one of the manifest's, compared in normalised form, so a client that sends its own printing of a shipped
 *   operation (PersistedQueryLink's own sha256 and text) is accepted and a hand-written query is not. Checked once
 *   the document is parsed and validated (bounded by the query limits) and before anything executes.
 */
export function persistedOperations(manifest: PersistedManifest, options: { safelist: boolean }) {
  const documents = new Map(Object.entries(manifest).map(([hash, text]) => [bareHash(hash), text]));
  const texts = new Set(documents.values());
  const shipped: PersistedDocuments = {
    lookup: (hash) => documents.get(bareHash(hash)),
    isShipped: (source, document) => texts.has(source) || texts.has(printExecutableGraphQLDocument(document)),
    safelist: options.safelist,
  };
  const registered = options.safelist ? undefined : new InMemoryLRUCache<string>({ maxSize: REGISTERED_MAX_BYTES });
  // The hashes are already scoped to this purpose; Apollo's own `apq:` prefix would only hide the manifest keys.
  const cache = PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(new ManifestCache(documents, registered));

  const plugin: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart({ request }) {
      // A manifest id (`sha256:` + the hash of the normalised text) sent with the client's own text cannot pass
      // Apollo's check that the hash is the text's; it is a client falling back after a miss, so the text decides.
      const persistedQuery = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      if (request.query !== undefined && typeof persistedQuery?.sha256Hash === 'string' && persistedQuery.sha256Hash.startsWith(SHA256_PREFIX)) {
        const { persistedQuery: _manifestId, ...extensions } = request.extensions ?? {};
        request.extensions = extensions;
      }
      if (!options.safelist) return;
      return {
        async didResolveOperation({ source, document }) {
          if (!shipped.isShipped(source, document)) throw notShipped();
        },
      };
    },
  };
  return { cache, plugin, documents: shipped };
}
