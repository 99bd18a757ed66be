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

export type CircuitState =
  /** Calls flow normally. */
  | 'CLOSED'
  /** A probe call is allowed through to test recovery. */
  | 'HALF_OPEN'
  /** Calls fail fast with UPSTREAM_UNAVAILABLE until the cool-down ends. */
  | 'OPEN';

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

export type ProspectFilter = {
  /** Only prospects enrolled in this campaign. */
  campaignId?: string | number | null | undefined;
  /** Exact email address (case-insensitive). */
  email?: string | null | undefined;
  /** Company name contains this text (case-insensitive). */
  search?: string | null | undefined;
  status?: ProspectStatus | null | undefined;
};

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

/** Woodpecker's global prospect states. */
export type ProspectStatus =
  | 'ACTIVE'
  | 'AUTOREPLIED'
  | 'BLACKLIST'
  | 'BOUNCED'
  | 'INVALID'
  | 'REPLIED'
  | 'TO_CHECK'
  | 'TO_REVIEW';

export type UpstreamName =
  | 'CLAUDE'
  | 'WOODPECKER';

export type UsagePeriod =
  /** This calendar month so far (UTC). */
  | 'MONTH'
  /** Today so far (UTC). */
  | 'TODAY';

export type UsageScope =
  /** Every caller's usage (operators only). */
  | 'ALL'
  /** The caller's own usage. */
  | 'OWN';

export type DeleteAttachmentMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAttachmentMutation = { __typename: 'Mutation', deleteAttachment: boolean };

export type CampaignsQueryVariables = Exact<{
  status?: Array<CampaignStatus> | CampaignStatus | null | undefined;
  forceRefresh?: boolean | null | undefined;
}>;


export type CampaignsQuery = { __typename: 'Query', campaigns: Array<{ __typename: 'Campaign', id: string, name: string, status: CampaignStatus, createdAt: string | null, fromName: string | null, fromEmail: string | null, perDay: number | null }> };

export type CampaignQueryVariables = Exact<{
  id: string | number;
}>;


export type CampaignQuery = { __typename: 'Query', campaign: { __typename: 'Campaign', id: string, name: string, status: CampaignStatus, createdAt: string | null, stats: { __typename: 'CampaignStats', prospects: number, sent: number, opened: number, replied: number, bounced: number, interested: number } | null } | null };

export type GeneratedContentFieldsFragment = { __typename: 'GeneratedContent', snippet1: string, snippet2: string, snippet3: string, snippet4: string, snippet5: string, snippet6: string, snippet7: string, model: string, stopReason: string | null, generatedAt: string, cached: boolean, email: string, firstName: string | null, company: string | null, industry: string, tags: string | null, usage: { __typename: 'TokenUsage', inputTokens: number, outputTokens: number } };

export type GenerateContentMutationVariables = Exact<{
  input: GenerateContentInput;
}>;


export type GenerateContentMutation = { __typename: 'Mutation', generateContent: { __typename: 'GeneratedContent', snippet1: string, snippet2: string, snippet3: string, snippet4: string, snippet5: string, snippet6: string, snippet7: string, model: string, stopReason: string | null, generatedAt: string, cached: boolean, email: string, firstName: string | null, company: string | null, industry: string, tags: string | null, usage: { __typename: 'TokenUsage', inputTokens: number, outputTokens: number } } };

export type ContentModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ContentModelsQuery = { __typename: 'Query', contentModels: Array<{ __typename: 'ContentModel', id: string, isDefault: boolean }> };

export type AddProspectsToCampaignMutationVariables = Exact<{
  input: AddProspectsInput;
}>;


export type AddProspectsToCampaignMutation = { __typename: 'Mutation', addProspectsToCampaign: { __typename: 'ExportResult', total: number, succeeded: number, failed: number, duplicates: number, errors: Array<{ __typename: 'ProspectError', email: string, code: ProspectErrorCode, message: string, retryable: boolean }> } };

export type GenerateContentStreamSubscriptionVariables = Exact<{
  input: GenerateContentInput;
}>;


export type GenerateContentStreamSubscription = { generateContentStream:
    | { __typename: 'GenerationCompleted', content: { __typename: 'GeneratedContent', snippet1: string, snippet2: string, snippet3: string, snippet4: string, snippet5: string, snippet6: string, snippet7: string, model: string, stopReason: string | null, generatedAt: string, cached: boolean, email: string, firstName: string | null, company: string | null, industry: string, tags: string | null, usage: { __typename: 'TokenUsage', inputTokens: number, outputTokens: number } } }
    | { __typename: 'GenerationFailed', code: string, message: string, retryable: boolean, retryAfterSeconds: number | null, completedSnippets: Array<number> }
    | { __typename: 'GenerationQueued', position: number, etaSeconds: number | null }
    | { __typename: 'GenerationStarted', model: string }
    | { __typename: 'SnippetDelta', snippet: number, text: string }
   };

export type EstimateGenerationQueryVariables = Exact<{
  input: GenerateContentInput;
}>;


export type EstimateGenerationQuery = { __typename: 'Query', estimateGeneration: { __typename: 'GenerationEstimate', inputTokens: number, maxOutputTokens: number, minCostUsd: number | null, maxCostUsd: number | null, etaSeconds: number } };

export type ProspectsQueryVariables = Exact<{
  filter?: ProspectFilter | null | undefined;
  page?: number | null | undefined;
  perPage?: number | null | undefined;
}>;


export type ProspectsQuery = { __typename: 'Query', prospects: { __typename: 'ProspectPage', totalCount: number, page: number, perPage: number, hasNextPage: boolean, items: Array<{ __typename: 'Prospect', id: string, email: string, firstName: string | null, lastName: string | null, company: string | null, title: string | null, status: ProspectStatus | null, campaigns: Array<{ __typename: 'Campaign', id: string, name: string, status: CampaignStatus }> }> } };

export type DuplicateEmailsQueryVariables = Exact<{
  campaignId: string | number;
  emails: Array<string> | string;
}>;


export type DuplicateEmailsQuery = { __typename: 'Query', duplicateEmails: Array<string> };

export type UpstreamsQueryVariables = Exact<{ [key: string]: never; }>;


export type UpstreamsQuery = { __typename: 'Query', upstreams: Array<{ __typename: 'UpstreamStatus', name: UpstreamName, simulated: boolean, queued: number, inFlight: number, circuit: CircuitState, pausedUntil: string | null, lastErrorClass: string | null, lastErrorAt: string | null, limits: { __typename: 'UpstreamLimits', maxConcurrency: number, requestsPerMinute: number | null, inputTokensPerMinute: number | null, outputTokensPerMinute: number | null, queueMax: number, queueMaxWaitMs: number, maxAttempts: number }, budgets: Array<{ __typename: 'UpstreamBudget', dimension: string, limit: number, remaining: number, upstreamRemaining: number | null, upstreamResetAt: string | null }> }> };

export type UsageQueryVariables = Exact<{
  period?: UsagePeriod | null | undefined;
  scope?: UsageScope | null | undefined;
}>;


export type UsageQuery = { __typename: 'Query', usage: { __typename: 'UsageReport', period: UsagePeriod, scope: UsageScope, from: string, to: string, estimatedCostUsd: number, totals: Array<{ __typename: 'ModelUsage', model: string, requests: number, inputTokens: number, outputTokens: number, estimatedCostUsd: number | null }>, callers: Array<{ __typename: 'CallerUsage', caller: string, estimatedCostUsd: number, models: Array<{ __typename: 'ModelUsage', model: string, requests: number, inputTokens: number, outputTokens: number, estimatedCostUsd: number | null }> }> } };

export type ModelUsageFieldsFragment = { __typename: 'ModelUsage', model: string, requests: number, inputTokens: number, outputTokens: number, estimatedCostUsd: number | null };

export const GeneratedContentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GeneratedContentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedContent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet1"}},{"kind":"Field","name":{"kind":"Name","value":"snippet2"}},{"kind":"Field","name":{"kind":"Name","value":"snippet3"}},{"kind":"Field","name":{"kind":"Name","value":"snippet4"}},{"kind":"Field","name":{"kind":"Name","value":"snippet5"}},{"kind":"Field","name":{"kind":"Name","value":"snippet6"}},{"kind":"Field","name":{"kind":"Name","value":"snippet7"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]} as unknown as DocumentNode<GeneratedContentFieldsFragment, unknown>;
export const ModelUsageFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelUsageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelUsage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}}]}}]} as unknown as DocumentNode<ModelUsageFieldsFragment, unknown>;
export const DeleteAttachmentDocument = {"__meta__":{"hash":"sha256:483d2712999d6631fda5e660249035508e937a34af1eef9041f3109bf4963e04"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAttachment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteAttachment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteAttachmentMutation, DeleteAttachmentMutationVariables>;
export const CampaignsDocument = {"__meta__":{"hash":"sha256:c89ab584245e5e46f83faf840491da5df649988b0425e427dcaf164094d0d353"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campaigns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"forceRefresh"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"forceRefresh"},"value":{"kind":"Variable","name":{"kind":"Name","value":"forceRefresh"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"fromName"}},{"kind":"Field","name":{"kind":"Name","value":"fromEmail"}},{"kind":"Field","name":{"kind":"Name","value":"perDay"}}]}}]}}]} as unknown as DocumentNode<CampaignsQuery, CampaignsQueryVariables>;
export const CampaignDocument = {"__meta__":{"hash":"sha256:948be2aa63d12e14693af656a9e6b9508e1624448ab1baab96bdbbe2db10ddc3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"prospects"}},{"kind":"Field","name":{"kind":"Name","value":"sent"}},{"kind":"Field","name":{"kind":"Name","value":"opened"}},{"kind":"Field","name":{"kind":"Name","value":"replied"}},{"kind":"Field","name":{"kind":"Name","value":"bounced"}},{"kind":"Field","name":{"kind":"Name","value":"interested"}}]}}]}}]}}]} as unknown as DocumentNode<CampaignQuery, CampaignQueryVariables>;
export const GenerateContentDocument = {"__meta__":{"hash":"sha256:82c855bf3834b5b25742c7749bd30c1fafcff3213b5b44843d09ac3c7fc2958e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateContent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"generateContent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"GeneratedContentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GeneratedContentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedContent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet1"}},{"kind":"Field","name":{"kind":"Name","value":"snippet2"}},{"kind":"Field","name":{"kind":"Name","value":"snippet3"}},{"kind":"Field","name":{"kind":"Name","value":"snippet4"}},{"kind":"Field","name":{"kind":"Name","value":"snippet5"}},{"kind":"Field","name":{"kind":"Name","value":"snippet6"}},{"kind":"Field","name":{"kind":"Name","value":"snippet7"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]} as unknown as DocumentNode<GenerateContentMutation, GenerateContentMutationVariables>;
export const ContentModelsDocument = {"__meta__":{"hash":"sha256:c65e9c9908a87e53af8a84dd0871c3b8691b829278c31cb45156cc5833a66f57"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContentModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"contentModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}}]} as unknown as DocumentNode<ContentModelsQuery, ContentModelsQueryVariables>;
export const AddProspectsToCampaignDocument = {"__meta__":{"hash":"sha256:637253d58bfe5a645957c3296589a9a24c6a111f3ed755bde609b1d4837629a1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddProspectsToCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddProspectsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"addProspectsToCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}}]}}]}}]}}]} as unknown as DocumentNode<AddProspectsToCampaignMutation, AddProspectsToCampaignMutationVariables>;
export const GenerateContentStreamDocument = {"__meta__":{"hash":"sha256:ac6a6c842d6e6d871803a47e1847c616d84b17180f670599d4451537307af815"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"GenerateContentStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateContentStream"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationQueued"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationStarted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SnippetDelta"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationCompleted"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"GeneratedContentFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GenerationFailed"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"completedSnippets"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GeneratedContentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedContent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"snippet1"}},{"kind":"Field","name":{"kind":"Name","value":"snippet2"}},{"kind":"Field","name":{"kind":"Name","value":"snippet3"}},{"kind":"Field","name":{"kind":"Name","value":"snippet4"}},{"kind":"Field","name":{"kind":"Name","value":"snippet5"}},{"kind":"Field","name":{"kind":"Name","value":"snippet6"}},{"kind":"Field","name":{"kind":"Name","value":"snippet7"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cached"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]} as unknown as DocumentNode<GenerateContentStreamSubscription, GenerateContentStreamSubscriptionVariables>;
export const EstimateGenerationDocument = {"__meta__":{"hash":"sha256:c16d7c85a4a4d3af78007f7de21db7acffd097176dcbd55201a93a1a57d0c435"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EstimateGeneration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateContentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"estimateGeneration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"maxOutputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"minCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"maxCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}}]}}]} as unknown as DocumentNode<EstimateGenerationQuery, EstimateGenerationQueryVariables>;
export const ProspectsDocument = {"__meta__":{"hash":"sha256:d990c2816938d48571f13175cc9f1ad0e2071d377f3b6efe142d340d929bee62"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Prospects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProspectFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"perPage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"prospects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}},{"kind":"Argument","name":{"kind":"Name","value":"perPage"},"value":{"kind":"Variable","name":{"kind":"Name","value":"perPage"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"perPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"company"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProspectsQuery, ProspectsQueryVariables>;
export const DuplicateEmailsDocument = {"__meta__":{"hash":"sha256:4f220897e3bbe142f4bf60ce4740c24f1f91f6e0fde30b43e1ab6e179a6b4f26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DuplicateEmails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"emails"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"duplicateEmails"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"emails"},"value":{"kind":"Variable","name":{"kind":"Name","value":"emails"}}}]}]}}]} as unknown as DocumentNode<DuplicateEmailsQuery, DuplicateEmailsQueryVariables>;
export const UpstreamsDocument = {"__meta__":{"hash":"sha256:7d04217df350aa481c68f4e8383e2b7bba010cc2b1246832a667d109da3cead1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Upstreams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"upstreams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"simulated"}},{"kind":"Field","name":{"kind":"Name","value":"queued"}},{"kind":"Field","name":{"kind":"Name","value":"inFlight"}},{"kind":"Field","name":{"kind":"Name","value":"circuit"}},{"kind":"Field","name":{"kind":"Name","value":"pausedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorClass"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorAt"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"maxConcurrency"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokensPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokensPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"queueMax"}},{"kind":"Field","name":{"kind":"Name","value":"queueMaxWaitMs"}},{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"budgets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"limit"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamResetAt"}}]}}]}}]}}]} as unknown as DocumentNode<UpstreamsQuery, UpstreamsQueryVariables>;
export const UsageDocument = {"__meta__":{"hash":"sha256:ce6e640931e09ce8da052ff27f07461da9f3c3e39502f746594171ea68951df1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Usage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UsagePeriod"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scope"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UsageScope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scope"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelUsageFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"callers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"caller"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelUsageFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelUsageFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelUsage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"requests"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}}]}}]} as unknown as DocumentNode<UsageQuery, UsageQueryVariables>;