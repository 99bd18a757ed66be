import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Typed documents for the operations this app owns (`graphql(...)` calls under src/), checked against the
 * server's schema. `persistedDocuments` writes src/gql/persisted-documents.json: every operation as the
 * server stores it, keyed by its sha256 hash, which is what a server with PERSISTED_OPERATIONS_ONLY=true
 * accepts. `__typename` is added here, not only at run time by Apollo's cache, so the text in the manifest is
 * exactly the text the app sends. Output is committed; `npm run codegen:check` fails when it is stale.
 */
const config: CodegenConfig = {
  schema: '../schema/*.graphql',
  // Tests build ad-hoc documents (a subscription the schema does not have yet, say): not the app's operations.
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/__tests__/**', '!src/test/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { useTypeImports: true, enumsAsTypes: true },
    },
    // The closed set of error codes (enum ErrorCode), which no operation selects, so the preset leaves it out.
    'src/gql/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
  },
};

export default config;
