/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddProspectsInput = {
  campaignId: string | number;
  /** Also enrol prospects whose global status is not ACTIVE (blacklisted, bounced, …). */
  force?: boolean | null | undefined;
  /**
   * Makes a retried export safe: the export with this key (per caller) runs to completion once, and every
   * repeat within the retention period (IDEMPOTENCY_TTL_SECONDS, 24 hours by default) returns its result
   * without adding anything again, and without using up rate limits. An export that did not complete (an
   * error, or retryable errors in its result) is resumed by the next call with the key, which counts what the
   * earlier call added as succeeded. Same as the `Idempotency-Key` HTTP header (send either, or both with the
   * same value); 1–200 characters of letters, digits and `_ . : -`. Reusing a key for different input is refused.
   */
  idempotencyKey?: string | null | undefined;
  prospects: Array<ProspectInput>;
};

/** Woodpecker's campaign states. */
export type CampaignStatus =
  | 'COMPLETED'
  | 'DRAFT'
  | 'EDITED'
  | 'PAUSED'
  | 'RUNNING'
  | 'STOPPED';

export type GenerateContentInput = {
  /** Images or PDFs uploaded with `POST /attachments` by the same caller, at most 4, given to Claude with the prompt. */
  attachmentIds?: Array<string | number> | null | undefined;
  /**
   * Write it again even when the same caller asked for the same generation recently (the answer is then served from
   * the content cache with `cached: true`, without a Claude call); the new sequence replaces the cached one.
   */
  fresh?: boolean | null | undefined;
  lead: LeadInput;
  /** One of `contentModels`; the default when omitted. */
  model?: string | null | undefined;
  /**
   * Write the sequence with 2–3 concurrent Claude calls when the quota allows it: finishes in about a third of the
   * time, costs more input tokens, and the follow-ups see the plan of the first email rather than its text.
   */
  parallel?: boolean | null | undefined;
  /** What the user wants emphasised, appended to the instructions (at most 100 000 characters). */
  prompt?: string | null | undefined;
  /** Replaces the default system prompt; accepted only when the server allows overrides. */
  systemPrompt?: string | null | undefined;
};

/** A lead as imported from the user's CSV. */
export type LeadInput = {
  city?: string | null | undefined;
  company?: string | null | undefined;
  country?: string | null | undefined;
  email: string;
  firstName?: string | null | undefined;
  industry?: string | null | undefined;
  lastName?: string | null | undefined;
  linkedinUrl?: string | null | undefined;
  state?: string | null | undefined;
  tags?: string | null | undefined;
  title?: string | null | undefined;
  website?: string | null | undefined;
};

/**
 * Why one prospect was not added. The first five are about the prospect itself; the rest are the `ErrorCode`
 * values, used when the prospect's batch could not be delivered (a client switches on both alike).
 */
export type ProspectErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONTENT_INVALID'
  /** The address appears more than once in this export; only its first occurrence was sent. */
  | 'DUPLICATE_IN_REQUEST'
  /** Woodpecker reports that the address does not exist. */
  | 'EMAIL_NOT_EXISTS'
  | 'FORBIDDEN'
  | 'INTERNAL_SERVER_ERROR'
  /** The email address is not valid. */
  | 'INVALID_EMAIL'
  /** Not ACTIVE in Woodpecker (blacklisted, bounced…); export with `force` to add it anyway. */
  | 'INVALID_STATUS'
  | 'NOT_FOUND'
  | 'QUOTA_EXHAUSTED'
  | 'RATE_LIMITED'
  /** Woodpecker did not accept the prospect. */
  | 'REJECTED'
  | 'UNAUTHENTICATED'
  | 'UPSTREAM_BUSY'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE';

export type ProspectInput = {
  city?: string | null | undefined;
  company?: string | null | undefined;
  country?: string | null | undefined;
  email: string;
  firstName?: string | null | undefined;
  industry?: string | null | undefined;
  lastName?: string | null | undefined;
  linkedinUrl?: string | null | undefined;
  phone?: string | null | undefined;
  snippet1?: string | null | undefined;
  snippet2?: string | null | undefined;
  snippet3?: string | null | undefined;
  snippet4?: string | null | undefined;
  snippet5?: string | null | undefined;
  snippet6?: string | null | undefined;
  snippet7?: string | null | undefined;
  state?: string | null | undefined;
  tags?: string | null | undefined;
  /** IANA time zone, e.g. Europe/Warsaw. */
  timeZone?: string | null | undefined;
  title?: string | null | undefined;
  website?: string | null | undefined;
};

export type DeleteAttachmentMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAttachmentMutation = { __typename: 'Mutation', deleteAttachment: boolean };

export type CampaignsQueryVariables = Exact<{
  forceRefresh?: boolean | null | undefined;
}>;


export type CampaignsQuery = { __typename: 'Query', campaigns: Array<{ __typename: 'Campaign', id: string, name: string, status: CampaignStatus, createdAt: string | null }> };

export type DuplicateEmailsQueryVariables = Exact<{
  campaignId: string | number;
  emails: Array<string> | string;
}>;


export type DuplicateEmailsQuery = { __typename: 'Query', duplicateEmails: Array<string> };

export type AddProspectsToCampaignMutationVariables = Exact<{
  input: AddProspectsInput;
}>;


export type AddProspectsToCampaignMutation = { __typename: 'Mutation', addProspectsToCampaign: { __typename: 'ExportResult', total: number, succeeded: number, duplicates: number, failed: number, errors: Array<{ __typename: 'ProspectError', email: string, code: ProspectErrorCode, message: string, retryable: boolean }> } };

export type ContentModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ContentModelsQuery = { __typename: 'Query', contentModels: Array<{ __typename: 'ContentModel', id: string, isDefault: boolean }> };

export type GenerateContentStreamSubscriptionVariables = Exact<{
  input: GenerateContentInput;
}>;


export type GenerateContentStreamSubscription = { generateContentStream:
    | { __typename: 'GenerationCompleted', content: { __typename: 'GeneratedContent', snippet1: string, snippet2: string, snippet3: string, snippet4: string, snippet5: string, snippet6: string, snippet7: string, model: string, generatedAt: string } }
    | { __typename: 'GenerationFailed', code: string, retryable: boolean, retryAfterSeconds: number | null, completedSnippets: Array<number> }
    | { __typename: 'GenerationQueued', position: number, etaSeconds: number | null }
    | { __typename: 'GenerationStarted', model: string }
    | { __typename: 'SnippetDelta', snippet: number, text: string }
   };

export type EstimateGenerationQueryVariables = Exact<{
  input: GenerateContentInput;
}>;


export type EstimateGenerationQuery = { __typename: 'Query', estimateGeneration: { __typename: 'GenerationEstimate', inputTokens: number, maxOutputTokens: number, minCostUsd: number | null, maxCostUsd: number | null, etaSeconds: number } };


export const DeleteAttachmentDocument = {"__meta__":{"hash":"sha256:483d2712999d6631fda5e660249035508e937a34af1eef9041f3109bf4963e04"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAttachment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteAttachment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteAttachmentMutation, DeleteAttachmentMutationVariables>;
export const CampaignsDocument = {"__meta__":{"hash":"sha256:67b6ace6c71b2410c35d0951098b6a2be9f3f79f5a81f83ccc5f2c746bb59fd4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campaigns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"forceRefresh"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"forceRefresh"},"value":{"kind":"Variable","name":{"kind":"Name","value":"forceRefresh"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CampaignsQuery, CampaignsQueryVariables>;
export const DuplicateEmailsDocument = {"__meta__":{"hash":"sha256:4f220897e3bbe142f4bf60ce4740c24f1f91f6e0fde30b43e1ab6e179a6b4f26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DuplicateEmails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"emails"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"duplicateEmails"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"emails"},"value":{"kind":"Variable","name":{"kind":"Name","value":"emails"}}}]}]}}]} as unknown as DocumentNode<DuplicateEmailsQuery, DuplicateEmailsQueryVariables>;
export const AddProspectsToCampaignDocument = {"__meta__":{"hash":"sha256:637253d58bfe5a645957c3296589a9a24c6a111f3ed755bde609b1d4837629a1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddProspectsToCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddProspectsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"addProspectsToCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}}]}}]}}]} as unknown as DocumentNode<AddProspectsToCampaignMutation, AddProspectsToCampaignMutationVariables>;
export const ContentModelsDocument = {"__meta__":{"hash":"sha256:c65e9c9908a87e53af8a84dd0871c3b8691b829278c31cb45156cc5833a66f57"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContentModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"contentModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]} as unknown as DocumentNode<ContentModelsQuery, ContentModelsQueryVariables>;
export const GenerateContentStreamDocument = {"__meta__":{"hash":"sha256:e6437bbee08c8bedb8db4f9dfa0aea494902e717fb2714b8603bbd171bb686a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"GenerateContentStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateContentStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationQueued"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SnippetDelta"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationCompleted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet1"}},{"kind":"Field","name":{"kind":"Name","value":"snippet2"}},{"kind":"Field","name":{"kind":"Name","value":"snippet3"}},{"kind":"Field","name":{"kind":"Name","value":"snippet4"}},{"kind":"Field","name":{"kind":"Name","value":"snippet5"}},{"kind":"Field","name":{"kind":"Name","value":"snippet6"}},{"kind":"Field","name":{"kind":"Name","value":"snippet7"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationFailed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"completedSnippets"}}]}}]}}]}}]} as unknown as DocumentNode<GenerateContentStreamSubscription, GenerateContentStreamSubscriptionVariables>;
export const EstimateGenerationDocument = {"__meta__":{"hash":"sha256:c16d7c85a4a4d3af78007f7de21db7acffd097176dcbd55201a93a1a57d0c435"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstimateGeneration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"estimateGeneration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"maxOutputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"minCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"maxCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}}]}}]} as unknown as DocumentNode<EstimateGenerationQuery, EstimateGenerationQueryVariables>;