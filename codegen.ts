import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Two outputs from one schema: resolver types mapped to the data-source models (server), and typed documents
 * for the operations a client sends (`src/operations/*.graphql`), which the tests execute as they are.
 * Both are committed; `npm run codegen:check` fails CI when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  emitLegacyCommonJSImports: true,
  generates: {
    // The schema's enums alone, importing nothing: the closed error set (src/errors) ties its code list to them.
    'src/generated/schema-enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        useTypeImports: true,
        enumsAsTypes: true,
        defaultScalarType: 'unknown',
        contextType: '../graphql/context#GraphQLContext',
        mappers: {
          Campaign: '../datasources/woodpecker/models#CampaignModel',
          CampaignStats: '../datasources/woodpecker/models#CampaignStatsModel',
          Prospect: '../datasources/woodpecker/models#ProspectModel',
          ProspectPage: '../datasources/woodpecker/models#ProspectPageModel',
          ExportResult: '../datasources/woodpecker/models#ExportResultModel',
          ProspectError: '../datasources/woodpecker/models#ProspectErrorModel',
          GeneratedContent: '../datasources/claude/models#GeneratedContentModel',
          GenerationEstimate: '../datasources/claude/models#GenerationEstimateModel',
          UpstreamStatus: '../datasources/shared/upstream#UpstreamStatusSnapshot',
          UpstreamBudget: '../datasources/shared/upstream#BudgetStatus',
        },
      },
    },
    // The operations as an Apollo Client app sends them: with __typename in every selection set (so its cache
    // normalises objects), and their manifest (persisted-documents.json, `sha256:<hex>` → normalised text), which
    // the server resolves persisted-query hashes from. The reference app's codegen produces the same two things.
    'src/generated/operations/': {
      documents: ['src/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: { useTypeImports: true, enumsAsTypes: true },
    },
  },
};

export default config;
