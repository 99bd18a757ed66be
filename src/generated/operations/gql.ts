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
    "mutation DeleteAttachment($id: ID!) {\n  deleteAttachment(id: $id)\n}": typeof types.DeleteAttachmentDocument,
    "query Campaigns($status: [CampaignStatus!], $forceRefresh: Boolean) {\n  campaigns(status: $status, forceRefresh: $forceRefresh) {\n    id\n    name\n    status\n    createdAt\n    fromName\n    fromEmail\n    perDay\n  }\n}\n\nquery Campaign($id: ID!) {\n  campaign(id: $id) {\n    id\n    name\n    status\n    createdAt\n    stats {\n      prospects\n      sent\n      opened\n      replied\n      bounced\n      interested\n    }\n  }\n}": typeof types.CampaignsDocument,
    "mutation GenerateContent($input: GenerateContentInput!) {\n  generateContent(input: $input) {\n    snippet1\n    snippet2\n    snippet3\n    snippet4\n    snippet5\n    snippet6\n    snippet7\n    model\n    stopReason\n    generatedAt\n    email\n    firstName\n    company\n    industry\n    tags\n    usage {\n      inputTokens\n      outputTokens\n    }\n  }\n}\n\nquery ContentModels {\n  contentModels {\n    id\n    isDefault\n  }\n}\n\nmutation AddProspectsToCampaign($input: AddProspectsInput!) {\n  addProspectsToCampaign(input: $input) {\n    total\n    succeeded\n    failed\n    duplicates\n    errors {\n      email\n      code\n      message\n      retryable\n    }\n  }\n}": typeof types.GenerateContentDocument,
    "query Prospects($filter: ProspectFilter, $page: Int, $perPage: Int) {\n  prospects(filter: $filter, page: $page, perPage: $perPage) {\n    totalCount\n    page\n    perPage\n    hasNextPage\n    items {\n      id\n      email\n      firstName\n      lastName\n      company\n      title\n      status\n      campaigns {\n        id\n        name\n        status\n      }\n    }\n  }\n}\n\nquery DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n  duplicateEmails(campaignId: $campaignId, emails: $emails)\n}": typeof types.ProspectsDocument,
    "query Upstreams {\n  upstreams {\n    name\n    simulated\n    queued\n    inFlight\n    circuit\n    pausedUntil\n    lastErrorClass\n    lastErrorAt\n    limits {\n      maxConcurrency\n      requestsPerMinute\n      inputTokensPerMinute\n      outputTokensPerMinute\n      queueMax\n      queueMaxWaitMs\n      maxAttempts\n    }\n    budgets {\n      dimension\n      limit\n      remaining\n      upstreamRemaining\n      upstreamResetAt\n    }\n  }\n}": typeof types.UpstreamsDocument,
    "query Usage($period: UsagePeriod, $scope: UsageScope) {\n  usage(period: $period, scope: $scope) {\n    period\n    scope\n    from\n    to\n    estimatedCostUsd\n    totals {\n      ...ModelUsageFields\n    }\n    callers {\n      caller\n      estimatedCostUsd\n      models {\n        ...ModelUsageFields\n      }\n    }\n  }\n}\n\nfragment ModelUsageFields on ModelUsage {\n  model\n  requests\n  inputTokens\n  outputTokens\n  estimatedCostUsd\n}": typeof types.UsageDocument,
};
const documents: Documents = {
    "mutation DeleteAttachment($id: ID!) {\n  deleteAttachment(id: $id)\n}": types.DeleteAttachmentDocument,
    "query Campaigns($status: [CampaignStatus!], $forceRefresh: Boolean) {\n  campaigns(status: $status, forceRefresh: $forceRefresh) {\n    id\n    name\n    status\n    createdAt\n    fromName\n    fromEmail\n    perDay\n  }\n}\n\nquery Campaign($id: ID!) {\n  campaign(id: $id) {\n    id\n    name\n    status\n    createdAt\n    stats {\n      prospects\n      sent\n      opened\n      replied\n      bounced\n      interested\n    }\n  }\n}": types.CampaignsDocument,
    "mutation GenerateContent($input: GenerateContentInput!) {\n  generateContent(input: $input) {\n    snippet1\n    snippet2\n    snippet3\n    snippet4\n    snippet5\n    snippet6\n    snippet7\n    model\n    stopReason\n    generatedAt\n    email\n    firstName\n    company\n    industry\n    tags\n    usage {\n      inputTokens\n      outputTokens\n    }\n  }\n}\n\nquery ContentModels {\n  contentModels {\n    id\n    isDefault\n  }\n}\n\nmutation AddProspectsToCampaign($input: AddProspectsInput!) {\n  addProspectsToCampaign(input: $input) {\n    total\n    succeeded\n    failed\n    duplicates\n    errors {\n      email\n      code\n      message\n      retryable\n    }\n  }\n}": types.GenerateContentDocument,
    "query Prospects($filter: ProspectFilter, $page: Int, $perPage: Int) {\n  prospects(filter: $filter, page: $page, perPage: $perPage) {\n    totalCount\n    page\n    perPage\n    hasNextPage\n    items {\n      id\n      email\n      firstName\n      lastName\n      company\n      title\n      status\n      campaigns {\n        id\n        name\n        status\n      }\n    }\n  }\n}\n\nquery DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n  duplicateEmails(campaignId: $campaignId, emails: $emails)\n}": types.ProspectsDocument,
    "query Upstreams {\n  upstreams {\n    name\n    simulated\n    queued\n    inFlight\n    circuit\n    pausedUntil\n    lastErrorClass\n    lastErrorAt\n    limits {\n      maxConcurrency\n      requestsPerMinute\n      inputTokensPerMinute\n      outputTokensPerMinute\n      queueMax\n      queueMaxWaitMs\n      maxAttempts\n    }\n    budgets {\n      dimension\n      limit\n      remaining\n      upstreamRemaining\n      upstreamResetAt\n    }\n  }\n}": types.UpstreamsDocument,
    "query Usage($period: UsagePeriod, $scope: UsageScope) {\n  usage(period: $period, scope: $scope) {\n    period\n    scope\n    from\n    to\n    estimatedCostUsd\n    totals {\n      ...ModelUsageFields\n    }\n    callers {\n      caller\n      estimatedCostUsd\n      models {\n        ...ModelUsageFields\n      }\n    }\n  }\n}\n\nfragment ModelUsageFields on ModelUsage {\n  model\n  requests\n  inputTokens\n  outputTokens\n  estimatedCostUsd\n}": types.UsageDocument,
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
export function graphql(source: "mutation DeleteAttachment($id: ID!) {\n  deleteAttachment(id: $id)\n}"): (typeof documents)["mutation DeleteAttachment($id: ID!) {\n  deleteAttachment(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Campaigns($status: [CampaignStatus!], $forceRefresh: Boolean) {\n  campaigns(status: $status, forceRefresh: $forceRefresh) {\n    id\n    name\n    status\n    createdAt\n    fromName\n    fromEmail\n    perDay\n  }\n}\n\nquery Campaign($id: ID!) {\n  campaign(id: $id) {\n    id\n    name\n    status\n    createdAt\n    stats {\n      prospects\n      sent\n      opened\n      replied\n      bounced\n      interested\n    }\n  }\n}"): (typeof documents)["query Campaigns($status: [CampaignStatus!], $forceRefresh: Boolean) {\n  campaigns(status: $status, forceRefresh: $forceRefresh) {\n    id\n    name\n    status\n    createdAt\n    fromName\n    fromEmail\n    perDay\n  }\n}\n\nquery Campaign($id: ID!) {\n  campaign(id: $id) {\n    id\n    name\n    status\n    createdAt\n    stats {\n      prospects\n      sent\n      opened\n      replied\n      bounced\n      interested\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GenerateContent($input: GenerateContentInput!) {\n  generateContent(input: $input) {\n    snippet1\n    snippet2\n    snippet3\n    snippet4\n    snippet5\n    snippet6\n    snippet7\n    model\n    stopReason\n    generatedAt\n    email\n    firstName\n    company\n    industry\n    tags\n    usage {\n      inputTokens\n      outputTokens\n    }\n  }\n}\n\nquery ContentModels {\n  contentModels {\n    id\n    isDefault\n  }\n}\n\nmutation AddProspectsToCampaign($input: AddProspectsInput!) {\n  addProspectsToCampaign(input: $input) {\n    total\n    succeeded\n    failed\n    duplicates\n    errors {\n      email\n      code\n      message\n      retryable\n    }\n  }\n}"): (typeof documents)["mutation GenerateContent($input: GenerateContentInput!) {\n  generateContent(input: $input) {\n    snippet1\n    snippet2\n    snippet3\n    snippet4\n    snippet5\n    snippet6\n    snippet7\n    model\n    stopReason\n    generatedAt\n    email\n    firstName\n    company\n    industry\n    tags\n    usage {\n      inputTokens\n      outputTokens\n    }\n  }\n}\n\nquery ContentModels {\n  contentModels {\n    id\n    isDefault\n  }\n}\n\nmutation AddProspectsToCampaign($input: AddProspectsInput!) {\n  addProspectsToCampaign(input: $input) {\n    total\n    succeeded\n    failed\n    duplicates\n    errors {\n      email\n      code\n      message\n      retryable\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Prospects($filter: ProspectFilter, $page: Int, $perPage: Int) {\n  prospects(filter: $filter, page: $page, perPage: $perPage) {\n    totalCount\n    page\n    perPage\n    hasNextPage\n    items {\n      id\n      email\n      firstName\n      lastName\n      company\n      title\n      status\n      campaigns {\n        id\n        name\n        status\n      }\n    }\n  }\n}\n\nquery DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n  duplicateEmails(campaignId: $campaignId, emails: $emails)\n}"): (typeof documents)["query Prospects($filter: ProspectFilter, $page: Int, $perPage: Int) {\n  prospects(filter: $filter, page: $page, perPage: $perPage) {\n    totalCount\n    page\n    perPage\n    hasNextPage\n    items {\n      id\n      email\n      firstName\n      lastName\n      company\n      title\n      status\n      campaigns {\n        id\n        name\n        status\n      }\n    }\n  }\n}\n\nquery DuplicateEmails($campaignId: ID!, $emails: [String!]!) {\n  duplicateEmails(campaignId: $campaignId, emails: $emails)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Upstreams {\n  upstreams {\n    name\n    simulated\n    queued\n    inFlight\n    circuit\n    pausedUntil\n    lastErrorClass\n    lastErrorAt\n    limits {\n      maxConcurrency\n      requestsPerMinute\n      inputTokensPerMinute\n      outputTokensPerMinute\n      queueMax\n      queueMaxWaitMs\n      maxAttempts\n    }\n    budgets {\n      dimension\n      limit\n      remaining\n      upstreamRemaining\n      upstreamResetAt\n    }\n  }\n}"): (typeof documents)["query Upstreams {\n  upstreams {\n    name\n    simulated\n    queued\n    inFlight\n    circuit\n    pausedUntil\n    lastErrorClass\n    lastErrorAt\n    limits {\n      maxConcurrency\n      requestsPerMinute\n      inputTokensPerMinute\n      outputTokensPerMinute\n      queueMax\n      queueMaxWaitMs\n      maxAttempts\n    }\n    budgets {\n      dimension\n      limit\n      remaining\n      upstreamRemaining\n      upstreamResetAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Usage($period: UsagePeriod, $scope: UsageScope) {\n  usage(period: $period, scope: $scope) {\n    period\n    scope\n    from\n    to\n    estimatedCostUsd\n    totals {\n      ...ModelUsageFields\n    }\n    callers {\n      caller\n      estimatedCostUsd\n      models {\n        ...ModelUsageFields\n      }\n    }\n  }\n}\n\nfragment ModelUsageFields on ModelUsage {\n  model\n  requests\n  inputTokens\n  outputTokens\n  estimatedCostUsd\n}"): (typeof documents)["query Usage($period: UsagePeriod, $scope: UsageScope) {\n  usage(period: $period, scope: $scope) {\n    period\n    scope\n    from\n    to\n    estimatedCostUsd\n    totals {\n      ...ModelUsageFields\n    }\n    callers {\n      caller\n      estimatedCostUsd\n      models {\n        ...ModelUsageFields\n      }\n    }\n  }\n}\n\nfragment ModelUsageFields on ModelUsage {\n  model\n  requests\n  inputTokens\n  outputTokens\n  estimatedCostUsd\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;