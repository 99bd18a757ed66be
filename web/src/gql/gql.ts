/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation DeleteAttachment($id: ID!) {\n    deleteAttachment(id: $id)\n  }\n": typeof types.DeleteAttachmentDocument,
    "\n  query Campaigns($forceRefresh: Boolean) {\n    campaigns(forceRefresh: $forceRefresh) {\n      id\n      name\n      status\n      createdAt\n    }\n  }\n": typeof types.CampaignsDocument,
    "\n  query DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n    duplicateEmails(campaignId: $campaignId, emails: $emails)\n  }\n": typeof types.DuplicateEmailsDocument,
    "\n  mutation AddProspectsToCampaign($input: AddProspectsInput!) {\n    addProspectsToCampaign(input: $input) {\n      total\n      succeeded\n      duplicates\n      failed\n      errors {\n        email\n        code\n        message\n        retryable\n      }\n    }\n  }\n": typeof types.AddProspectsToCampaignDocument,
    "\n  query ContentModels {\n    contentModels {\n      id\n      isDefault\n    }\n  }\n": typeof types.ContentModelsDocument,
    "\n  subscription GenerateContentStream($input: GenerateContentInput!) {\n    generateContentStream(input: $input) {\n      ... on GenerationQueued {\n        position\n        etaSeconds\n      }\n      ... on GenerationStarted {\n        model\n      }\n      ... on SnippetDelta {\n        snippet\n        text\n      }\n      ... on GenerationCompleted {\n        content {\n          snippet1\n          snippet2\n          snippet3\n          snippet4\n          snippet5\n          snippet6\n          snippet7\n          model\n          generatedAt\n        }\n      }\n      ... on GenerationFailed {\n        code\n        retryable\n        retryAfterSeconds\n        completedSnippets\n      }\n    }\n  }\n": typeof types.GenerateContentStreamDocument,
    "\n  query EstimateGeneration($input: GenerateContentInput!) {\n    estimateGeneration(input: $input) {\n      inputTokens\n      maxOutputTokens\n      minCostUsd\n      maxCostUsd\n      etaSeconds\n    }\n  }\n": typeof types.EstimateGenerationDocument,
};
const documents: Documents = {
    "\n  mutation DeleteAttachment($id: ID!) {\n    deleteAttachment(id: $id)\n  }\n": types.DeleteAttachmentDocument,
    "\n  query Campaigns($forceRefresh: Boolean) {\n    campaigns(forceRefresh: $forceRefresh) {\n      id\n      name\n      status\n      createdAt\n    }\n  }\n": types.CampaignsDocument,
    "\n  query DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n    duplicateEmails(campaignId: $campaignId, emails: $emails)\n  }\n": types.DuplicateEmailsDocument,
    "\n  mutation AddProspectsToCampaign($input: AddProspectsInput!) {\n    addProspectsToCampaign(input: $input) {\n      total\n      succeeded\n      duplicates\n      failed\n      errors {\n        email\n        code\n        message\n        retryable\n      }\n    }\n  }\n": types.AddProspectsToCampaignDocument,
    "\n  query ContentModels {\n    contentModels {\n      id\n      isDefault\n    }\n  }\n": types.ContentModelsDocument,
    "\n  subscription GenerateContentStream($input: GenerateContentInput!) {\n    generateContentStream(input: $input) {\n      ... on GenerationQueued {\n        position\n        etaSeconds\n      }\n      ... on GenerationStarted {\n        model\n      }\n      ... on SnippetDelta {\n        snippet\n        text\n      }\n      ... on GenerationCompleted {\n        content {\n          snippet1\n          snippet2\n          snippet3\n          snippet4\n          snippet5\n          snippet6\n          snippet7\n          model\n          generatedAt\n        }\n      }\n      ... on GenerationFailed {\n        code\n        retryable\n        retryAfterSeconds\n        completedSnippets\n      }\n    }\n  }\n": types.GenerateContentStreamDocument,
    "\n  query EstimateGeneration($input: GenerateContentInput!) {\n    estimateGeneration(input: $input) {\n      inputTokens\n      maxOutputTokens\n      minCostUsd\n      maxCostUsd\n      etaSeconds\n    }\n  }\n": types.EstimateGenerationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAttachment($id: ID!) {\n    deleteAttachment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAttachment($id: ID!) {\n    deleteAttachment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns($forceRefresh: Boolean) {\n    campaigns(forceRefresh: $forceRefresh) {\n      id\n      name\n      status\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Campaigns($forceRefresh: Boolean) {\n    campaigns(forceRefresh: $forceRefresh) {\n      id\n      name\n      status\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n    duplicateEmails(campaignId: $campaignId, emails: $emails)\n  }\n"): (typeof documents)["\n  query DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n    duplicateEmails(campaignId: $campaignId, emails: $emails)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddProspectsToCampaign($input: AddProspectsInput!) {\n    addProspectsToCampaign(input: $input) {\n      total\n      succeeded\n      duplicates\n      failed\n      errors {\n        email\n        code\n        message\n        retryable\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddProspectsToCampaign($input: AddProspectsInput!) {\n    addProspectsToCampaign(input: $input) {\n      total\n      succeeded\n      duplicates\n      failed\n      errors {\n        email\n        code\n        message\n        retryable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContentModels {\n    contentModels {\n      id\n      isDefault\n    }\n  }\n"): (typeof documents)["\n  query ContentModels {\n    contentModels {\n      id\n      isDefault\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GenerateContentStream($input: GenerateContentInput!) {\n    generateContentStream(input: $input) {\n      ... on GenerationQueued {\n        position\n        etaSeconds\n      }\n      ... on GenerationStarted {\n        model\n      }\n      ... on SnippetDelta {\n        snippet\n        text\n      }\n      ... on GenerationCompleted {\n        content {\n          snippet1\n          snippet2\n          snippet3\n          snippet4\n          snippet5\n          snippet6\n          snippet7\n          model\n          generatedAt\n        }\n      }\n      ... on GenerationFailed {\n        code\n        retryable\n        retryAfterSeconds\n        completedSnippets\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription GenerateContentStream($input: GenerateContentInput!) {\n    generateContentStream(input: $input) {\n      ... on GenerationQueued {\n        position\n        etaSeconds\n      }\n      ... on GenerationStarted {\n        model\n      }\n      ... on SnippetDelta {\n        snippet\n        text\n      }\n      ... on GenerationCompleted {\n        content {\n          snippet1\n          snippet2\n          snippet3\n          snippet4\n          snippet5\n          snippet6\n          snippet7\n          model\n          generatedAt\n        }\n      }\n      ... on GenerationFailed {\n        code\n        retryable\n        retryAfterSeconds\n        completedSnippets\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EstimateGeneration($input: GenerateContentInput!) {\n    estimateGeneration(input: $input) {\n      inputTokens\n      maxOutputTokens\n      minCostUsd\n      maxCostUsd\n      etaSeconds\n    }\n  }\n"): (typeof documents)["\n  query EstimateGeneration($input: GenerateContentInput!) {\n    estimateGeneration(input: $input) {\n      inputTokens\n      maxOutputTokens\n      minCostUsd\n      maxCostUsd\n      etaSeconds\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;