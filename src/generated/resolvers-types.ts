import type { GraphQLResolveInfo } from 'graphql';
import type { CampaignModel, CampaignStatsModel, ProspectModel, ProspectPageModel, ExportResultModel, ProspectErrorModel } from '../datasources/woodpecker/models';
import type { GeneratedContentModel, GenerationEstimateModel } from '../datasources/claude/models';
import type { UpstreamStatusSnapshot, BudgetStatus } from '../datasources/shared/upstream';
import type { GraphQLContext } from '../graphql/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type AddProspectsInput = {
  campaignId: Scalars['ID']['input'];
  /** Also enrol prospects whose global status is not ACTIVE (blacklisted, bounced, …). */
  force?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Makes a retried export safe: the export with this key (per caller) runs to completion once, and every
   * repeat within the retention period (IDEMPOTENCY_TTL_SECONDS, 24 hours by default) returns its result
   * without adding anything again, and without using up rate limits. An export that did not complete (an
   * error, or retryable errors in its result) is resumed by the next call with the key, which counts what the
   * earlier call added as succeeded. Same as the `Idempotency-Key` HTTP header (send either, or both with the
   * same value); 1–200 characters of letters, digits and `_ . : -`. Reusing a key for different input is refused.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  prospects: Array<ProspectInput>;
};

export type CallerUsage = {
  __typename?: 'CallerUsage';
  /** The caller's identity: token name, JWT subject, or `ip:<address>` when anonymous. */
  caller: Scalars['String']['output'];
  /** Sum of the priced models' estimated cost, in USD. */
  estimatedCostUsd: Scalars['Float']['output'];
  models: Array<ModelUsage>;
};

export type Campaign = {
  __typename?: 'Campaign';
  /** When the campaign was created (ISO 8601), when Woodpecker reports it. */
  createdAt?: Maybe<Scalars['String']['output']>;
  folderName?: Maybe<Scalars['String']['output']>;
  fromEmail?: Maybe<Scalars['String']['output']>;
  fromName?: Maybe<Scalars['String']['output']>;
  /** Woodpecker's numeric campaign id, as a string. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Emails per day the campaign may send. */
  perDay?: Maybe<Scalars['Int']['output']>;
  /**
   * Delivery statistics. Costs one Woodpecker call per campaign that is not already loaded with its details
   * (`campaign(id)` is), charged to the caller's Woodpecker call budget (RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE).
   */
  stats?: Maybe<CampaignStats>;
  status: CampaignStatus;
};

export type CampaignStats = {
  __typename?: 'CampaignStats';
  autoReplied: Scalars['Int']['output'];
  bounced: Scalars['Int']['output'];
  clicked: Scalars['Int']['output'];
  delivered: Scalars['Int']['output'];
  interested: Scalars['Int']['output'];
  invalid: Scalars['Int']['output'];
  maybeLater: Scalars['Int']['output'];
  notInterested: Scalars['Int']['output'];
  opened: Scalars['Int']['output'];
  optedOut: Scalars['Int']['output'];
  prospects: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  replied: Scalars['Int']['output'];
  sent: Scalars['Int']['output'];
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

export type ContentModel = {
  __typename?: 'ContentModel';
  id: Scalars['String']['output'];
  isDefault: Scalars['Boolean']['output'];
};

/**
 * The closed set of `extensions.code` values this API returns (besides Apollo's request-level codes
 * GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST, OPERATION_RESOLUTION_FAILURE and
 * PERSISTED_QUERY_NOT_FOUND). Every error also carries `extensions.requestId` and `extensions.retryable`,
 * and `extensions.retryAfterSeconds` when the server knows when a retry can succeed.
 */
export type ErrorCode =
  /** Validation failed; the offending inputs are named in `extensions.fields`. */
  | 'BAD_USER_INPUT'
  /** Claude's answer could not be turned into 7 valid snippets. */
  | 'CONTENT_INVALID'
  /** The caller is known but not allowed to do this. */
  | 'FORBIDDEN'
  /** Anything else. The message is generic; the server log has the cause under the request id. */
  | 'INTERNAL_SERVER_ERROR'
  /** The campaign or prospect does not exist in Woodpecker. */
  | 'NOT_FOUND'
  /** The Anthropic spend cap is reached; retrying cannot help until it is raised. */
  | 'QUOTA_EXHAUSTED'
  /** This caller went over its own per-client limit. */
  | 'RATE_LIMITED'
  /** No credentials, or credentials that could not be verified. */
  | 'UNAUTHENTICATED'
  /** The outbound queue is full, or the wait would exceed the request's time budget. */
  | 'UPSTREAM_BUSY'
  /** The upstream kept answering 429 after this server's retries. */
  | 'UPSTREAM_RATE_LIMITED'
  /** The upstream did not answer within the deadline. */
  | 'UPSTREAM_TIMEOUT'
  /** The upstream failed (5xx, 529, network) after retries, or its circuit is open. */
  | 'UPSTREAM_UNAVAILABLE';

export type ExportResult = {
  __typename?: 'ExportResult';
  /** Prospects that were already in the campaign before this request. */
  duplicates: Scalars['Int']['output'];
  errors: Array<ProspectError>;
  /** Prospects rejected by validation or by Woodpecker; each one is in `errors`. */
  failed: Scalars['Int']['output'];
  /** Prospects this request put into the campaign. */
  succeeded: Scalars['Int']['output'];
  /** succeeded + duplicates + failed. */
  total: Scalars['Int']['output'];
};

export type GenerateContentInput = {
  /** Images or PDFs uploaded with `POST /attachments` by the same caller, at most 4, given to Claude with the prompt. */
  attachmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /**
   * Write it again even when the same caller asked for the same generation recently (the answer is then served from
   * the content cache with `cached: true`, without a Claude call); the new sequence replaces the cached one.
   */
  fresh?: InputMaybe<Scalars['Boolean']['input']>;
  lead: LeadInput;
  /** One of `contentModels`; the default when omitted. */
  model?: InputMaybe<Scalars['String']['input']>;
  /**
   * Write the sequence with 2–3 concurrent Claude calls when the quota allows it: finishes in about a third of the
   * time, costs more input tokens, and the follow-ups see the plan of the first email rather than its text.
   */
  parallel?: InputMaybe<Scalars['Boolean']['input']>;
  /** What the user wants emphasised, appended to the instructions (at most 100 000 characters). */
  prompt?: InputMaybe<Scalars['String']['input']>;
  /** Replaces the default system prompt; accepted only when the server allows overrides. */
  systemPrompt?: InputMaybe<Scalars['String']['input']>;
};

/**
 * The sequence in Woodpecker's snippet fields. Snippets 1 and 3 are plain text; 2 and 4–7 are HTML with one
 * `<div>…</div>` per paragraph, paragraphs joined by `<div><br></div>`.
 */
export type GeneratedContent = {
  __typename?: 'GeneratedContent';
  /** True when this is the caller's earlier identical generation, served from the content cache without a Claude call. */
  cached: Scalars['Boolean']['output'];
  company?: Maybe<Scalars['String']['output']>;
  email: Scalars['String']['output'];
  firstName?: Maybe<Scalars['String']['output']>;
  /** When the content was generated (ISO 8601). */
  generatedAt: Scalars['String']['output'];
  /** The lead's industry, `Technology` when the lead has none (as the app always did). */
  industry: Scalars['String']['output'];
  lastName?: Maybe<Scalars['String']['output']>;
  linkedinUrl?: Maybe<Scalars['String']['output']>;
  /** The model that wrote it. */
  model: Scalars['String']['output'];
  /** Email subject. */
  snippet1: Scalars['String']['output'];
  /** Day-1 email body. */
  snippet2: Scalars['String']['output'];
  /** LinkedIn message. */
  snippet3: Scalars['String']['output'];
  /** Bump. */
  snippet4: Scalars['String']['output'];
  /** Follow-up. */
  snippet5: Scalars['String']['output'];
  /** Second bump. */
  snippet6: Scalars['String']['output'];
  /** Break-up email. */
  snippet7: Scalars['String']['output'];
  /** Why Claude stopped (`end_turn` normally). */
  stopReason?: Maybe<Scalars['String']['output']>;
  /** `#Department #Company #Title`-style tags for Woodpecker, from the lead. */
  tags?: Maybe<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  usage: TokenUsage;
};

/** The sequence, validated and sanitised: the same content `generateContent` returns. */
export type GenerationCompleted = {
  __typename?: 'GenerationCompleted';
  content: GeneratedContent;
};

export type GenerationEstimate = {
  __typename?: 'GenerationEstimate';
  /** Seconds until the sequence would be complete, counting the wait for Claude's quota now. */
  etaSeconds: Scalars['Float']['output'];
  /** Input tokens Claude counts for this prompt (its system prompt, lead data, guidance and attachments). */
  inputTokens: Scalars['Int']['output'];
  /** Estimated cost in USD at `maxOutputTokens`; null when the price list has no price for the model. */
  maxCostUsd?: Maybe<Scalars['Float']['output']>;
  /** The most output tokens the generation may write (`max_tokens`). */
  maxOutputTokens: Scalars['Int']['output'];
  /** Estimated cost in USD without any output; null when the price list has no price for the model. */
  minCostUsd?: Maybe<Scalars['Float']['output']>;
};

/** One event of a streamed generation. */
export type GenerationEvent = GenerationCompleted | GenerationFailed | GenerationQueued | GenerationStarted | SnippetDelta;

/**
 * The generation ended without a sequence. `code` is one of `ErrorCode`; the message is written for the user and
 * never carries upstream text. `completedSnippets` are the touches that had been fully streamed.
 */
export type GenerationFailed = {
  __typename?: 'GenerationFailed';
  code: Scalars['String']['output'];
  completedSnippets: Array<Scalars['Int']['output']>;
  message: Scalars['String']['output'];
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  retryable: Scalars['Boolean']['output'];
};

/** The generation waits for Claude's quota; sent again whenever the position changes. */
export type GenerationQueued = {
  __typename?: 'GenerationQueued';
  /** The gate's own estimate of the wait, when it has one. */
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  /** 1 for the next to go. */
  position: Scalars['Int']['output'];
};

/** Claude has started writing. */
export type GenerationStarted = {
  __typename?: 'GenerationStarted';
  model: Scalars['String']['output'];
};

/** A lead as imported from the user's CSV. */
export type LeadInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  company?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  firstName?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  linkedinUrl?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Usage of one model. Token counts are whole numbers; they are Float because a month's total can exceed
 * GraphQL's 32-bit Int.
 */
export type ModelUsage = {
  __typename?: 'ModelUsage';
  /** Estimated cost in USD; null when the price list has no price for this model. */
  estimatedCostUsd?: Maybe<Scalars['Float']['output']>;
  inputTokens: Scalars['Float']['output'];
  /** The model as Claude reported it in its answers. */
  model: Scalars['String']['output'];
  outputTokens: Scalars['Float']['output'];
  /**
   * Claude calls Claude billed: every answer (a re-ask after an unusable answer is a call of its own), and every
   * streamed call that had started when it was cancelled or broke off (its input and the output written so far).
   */
  requests: Scalars['Int']['output'];
};

/** Write operations: generating copy with Claude and exporting prospects into a Woodpecker campaign. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds prospects to a Woodpecker campaign in batches. Prospects already in the campaign are counted in
   * `duplicates`, not as failures; rejected ones are listed in `errors`. Invalid emails are rejected before
   * anything is sent.
   */
  addProspectsToCampaign: ExportResult;
  /**
   * Deletes an attachment this caller uploaded (`POST /attachments`), also from Claude's file store. NOT_FOUND for
   * an id the caller does not own or that has expired.
   */
  deleteAttachment: Scalars['Boolean']['output'];
  /**
   * Writes a 7-touch outreach sequence for one lead with Claude. Lead fields are passed to Claude as
   * untrusted data, never as instructions.
   */
  generateContent: GeneratedContent;
};


/** Write operations: generating copy with Claude and exporting prospects into a Woodpecker campaign. */
export type MutationAddProspectsToCampaignArgs = {
  input: AddProspectsInput;
};


/** Write operations: generating copy with Claude and exporting prospects into a Woodpecker campaign. */
export type MutationDeleteAttachmentArgs = {
  id: Scalars['ID']['input'];
};


/** Write operations: generating copy with Claude and exporting prospects into a Woodpecker campaign. */
export type MutationGenerateContentArgs = {
  input: GenerateContentInput;
};

export type Prospect = {
  __typename?: 'Prospect';
  /** The campaigns this prospect is enrolled in (resolved in one batch for the whole page). */
  campaigns: Array<Campaign>;
  city?: Maybe<Scalars['String']['output']>;
  company?: Maybe<Scalars['String']['output']>;
  country?: Maybe<Scalars['String']['output']>;
  email: Scalars['String']['output'];
  firstName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  industry?: Maybe<Scalars['String']['output']>;
  lastContactedAt?: Maybe<Scalars['String']['output']>;
  lastName?: Maybe<Scalars['String']['output']>;
  lastRepliedAt?: Maybe<Scalars['String']['output']>;
  linkedinUrl?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  state?: Maybe<Scalars['String']['output']>;
  status?: Maybe<ProspectStatus>;
  tags?: Maybe<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  updatedAt?: Maybe<Scalars['String']['output']>;
  website?: Maybe<Scalars['String']['output']>;
};

export type ProspectError = {
  __typename?: 'ProspectError';
  code: ProspectErrorCode;
  email: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Whether sending this prospect again later may succeed. */
  retryable: Scalars['Boolean']['output'];
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
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** Exact email address (case-insensitive). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Company name contains this text (case-insensitive). */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ProspectStatus>;
};

export type ProspectInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  company?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  firstName?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  linkedinUrl?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  snippet1?: InputMaybe<Scalars['String']['input']>;
  snippet2?: InputMaybe<Scalars['String']['input']>;
  snippet3?: InputMaybe<Scalars['String']['input']>;
  snippet4?: InputMaybe<Scalars['String']['input']>;
  snippet5?: InputMaybe<Scalars['String']['input']>;
  snippet6?: InputMaybe<Scalars['String']['input']>;
  snippet7?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. Europe/Warsaw. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  website?: InputMaybe<Scalars['String']['input']>;
};

export type ProspectPage = {
  __typename?: 'ProspectPage';
  hasNextPage: Scalars['Boolean']['output'];
  items: Array<Prospect>;
  page: Scalars['Int']['output'];
  perPage: Scalars['Int']['output'];
  /** All prospects matching the filter, across pages. */
  totalCount: Scalars['Int']['output'];
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

/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type Query = {
  __typename?: 'Query';
  /** One campaign with its statistics, or null when Woodpecker does not know the id. */
  campaign?: Maybe<Campaign>;
  /**
   * Campaigns in the Woodpecker account, newest first. Served from a shared cache (default TTL 300 s);
   * `forceRefresh: true` reads Woodpecker again and refreshes the cache, unless a read started in the last 5 s,
   * whose answer it shares.
   */
  campaigns: Array<Campaign>;
  /** The Claude models this server allows for `generateContent`, the default first. */
  contentModels: Array<ContentModel>;
  /**
   * Which of `emails` are already prospects of the campaign (compared case-insensitively), in the spelling
   * they were given. Use it before an export to show the user what will be skipped. Reads the campaign 1000
   * prospects per Woodpecker call (each charged to the caller's Woodpecker call budget), at most 10 000: a larger
   * campaign is refused with BAD_USER_INPUT (export directly; duplicates are counted, never added twice).
   */
  duplicateEmails: Array<Scalars['String']['output']>;
  /**
   * What a generation of this input would take, before running it: the input tokens Claude will count (asked of
   * Claude's own token counter), the output tokens it may write (`max_tokens`), the cost range from the server's
   * price list, and when it would finish given the queue now.
   */
  estimateGeneration: GenerationEstimate;
  /** One page of prospects. `perPage` is 1–1000. An empty page is a normal answer, not an error. */
  prospects: ProspectPage;
  /** How this server sees each upstream right now: queue, limits, remaining budget, circuit. */
  upstreams: Array<UpstreamStatus>;
  /**
   * Claude usage and its estimated cost over a UTC calendar period. `scope: OWN` reports the caller's own usage;
   * `scope: ALL` reports every caller and is for operators (OPERATOR_CALLERS) only: anyone else gets FORBIDDEN.
   * Costs are estimates from the server's price list (CLAUDE_PRICING), not Anthropic's invoice.
   */
  usage: UsageReport;
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryCampaignsArgs = {
  forceRefresh?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<Array<CampaignStatus>>;
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryDuplicateEmailsArgs = {
  campaignId: Scalars['ID']['input'];
  emails: Array<Scalars['String']['input']>;
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryEstimateGenerationArgs = {
  input: GenerateContentInput;
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryProspectsArgs = {
  filter?: InputMaybe<ProspectFilter>;
  page?: InputMaybe<Scalars['Int']['input']>;
  perPage?: InputMaybe<Scalars['Int']['input']>;
};


/** Read operations: campaigns and prospects live in Woodpecker; `upstreams` reports this server's own view of them. */
export type QueryUsageArgs = {
  period?: InputMaybe<UsagePeriod>;
  scope?: InputMaybe<UsageScope>;
};

/** More text of one touch, raw as Claude writes it (snippet 1 is the subject, 2 the day-1 email, …, 7 the break-up). */
export type SnippetDelta = {
  __typename?: 'SnippetDelta';
  /** 1..7 */
  snippet: Scalars['Int']['output'];
  text: Scalars['String']['output'];
};

/** Live operations, served over the graphql-sse protocol at `POST /graphql/stream` (not at `/graphql`). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Writes the sequence like `generateContent`, streamed as Claude writes it: `GenerationQueued` while it waits for
   * Claude's quota (again whenever the position changes), `GenerationStarted`, `SnippetDelta`s in order, then
   * `GenerationCompleted` with the same validated content the mutation returns, or `GenerationFailed`.
   * Unsubscribing cancels the generation. Served over graphql-sse at `POST /graphql/stream`. Charged once per
   * subscription against the same per-client budget as `generateContent`.
   */
  generateContentStream: GenerationEvent;
};


/** Live operations, served over the graphql-sse protocol at `POST /graphql/stream` (not at `/graphql`). */
export type SubscriptionGenerateContentStreamArgs = {
  input: GenerateContentInput;
};

export type TokenUsage = {
  __typename?: 'TokenUsage';
  inputTokens: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
};

export type UpstreamBudget = {
  __typename?: 'UpstreamBudget';
  /** requests, input_tokens or output_tokens (per minute). */
  dimension: Scalars['String']['output'];
  limit: Scalars['Int']['output'];
  /** What our own accounting allows now. */
  remaining: Scalars['Int']['output'];
  /** What the upstream last reported in its rate-limit headers, if it reports any. */
  upstreamRemaining?: Maybe<Scalars['Int']['output']>;
  upstreamResetAt?: Maybe<Scalars['String']['output']>;
};

export type UpstreamLimits = {
  __typename?: 'UpstreamLimits';
  inputTokensPerMinute?: Maybe<Scalars['Int']['output']>;
  maxAttempts: Scalars['Int']['output'];
  maxConcurrency: Scalars['Int']['output'];
  outputTokensPerMinute?: Maybe<Scalars['Int']['output']>;
  queueMax: Scalars['Int']['output'];
  queueMaxWaitMs: Scalars['Int']['output'];
  requestsPerMinute?: Maybe<Scalars['Int']['output']>;
};

export type UpstreamName =
  | 'CLAUDE'
  | 'WOODPECKER';

export type UpstreamStatus = {
  __typename?: 'UpstreamStatus';
  /** Remaining budget per dimension: our own accounting and the upstream's last reported figure. */
  budgets: Array<UpstreamBudget>;
  circuit: CircuitState;
  /** Calls currently running from this instance. */
  inFlight: Scalars['Int']['output'];
  lastErrorAt?: Maybe<Scalars['String']['output']>;
  /** Class of the last failed upstream attempt, e.g. rate_limited, server_error, timeout. */
  lastErrorClass?: Maybe<Scalars['String']['output']>;
  limits: UpstreamLimits;
  name: UpstreamName;
  /** Until when the whole gate is paused because the upstream asked to retry later (ISO 8601). */
  pausedUntil?: Maybe<Scalars['String']['output']>;
  /** Calls waiting in this instance's queue. */
  queued: Scalars['Int']['output'];
  /** True when this server talks to its built-in simulator instead of the real service. */
  simulated: Scalars['Boolean']['output'];
};

export type UsagePeriod =
  /** This calendar month so far (UTC). */
  | 'MONTH'
  /** Today so far (UTC). */
  | 'TODAY';

export type UsageReport = {
  __typename?: 'UsageReport';
  /** Per caller, biggest estimated cost first. With scope OWN only the caller, once it has used Claude. */
  callers: Array<CallerUsage>;
  /** Sum of the priced models' estimated cost, in USD. */
  estimatedCostUsd: Scalars['Float']['output'];
  /** First day covered (ISO 8601 date, UTC). */
  from: Scalars['String']['output'];
  period: UsagePeriod;
  scope: UsageScope;
  /** Last day covered: today (ISO 8601 date, UTC). */
  to: Scalars['String']['output'];
  /** Per model, summed over every caller in scope. */
  totals: Array<ModelUsage>;
};

export type UsageScope =
  /** Every caller's usage (operators only). */
  | 'ALL'
  /** The caller's own usage. */
  | 'OWN';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  GenerationEvent:
    | ( Omit<GenerationCompleted, 'content'> & { content: _RefType['GeneratedContent'] } )
    | ( GenerationFailed )
    | ( GenerationQueued )
    | ( GenerationStarted )
    | ( SnippetDelta )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddProspectsInput: AddProspectsInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CallerUsage: ResolverTypeWrapper<CallerUsage>;
  Campaign: ResolverTypeWrapper<CampaignModel>;
  CampaignStats: ResolverTypeWrapper<CampaignStatsModel>;
  CampaignStatus: CampaignStatus;
  CircuitState: CircuitState;
  ContentModel: ResolverTypeWrapper<ContentModel>;
  ErrorCode: ErrorCode;
  ExportResult: ResolverTypeWrapper<ExportResultModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GenerateContentInput: GenerateContentInput;
  GeneratedContent: ResolverTypeWrapper<GeneratedContentModel>;
  GenerationCompleted: ResolverTypeWrapper<Omit<GenerationCompleted, 'content'> & { content: ResolversTypes['GeneratedContent'] }>;
  GenerationEstimate: ResolverTypeWrapper<GenerationEstimateModel>;
  GenerationEvent: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['GenerationEvent']>;
  GenerationFailed: ResolverTypeWrapper<GenerationFailed>;
  GenerationQueued: ResolverTypeWrapper<GenerationQueued>;
  GenerationStarted: ResolverTypeWrapper<GenerationStarted>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LeadInput: LeadInput;
  ModelUsage: ResolverTypeWrapper<ModelUsage>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Prospect: ResolverTypeWrapper<ProspectModel>;
  ProspectError: ResolverTypeWrapper<ProspectErrorModel>;
  ProspectErrorCode: ProspectErrorCode;
  ProspectFilter: ProspectFilter;
  ProspectInput: ProspectInput;
  ProspectPage: ResolverTypeWrapper<ProspectPageModel>;
  ProspectStatus: ProspectStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SnippetDelta: ResolverTypeWrapper<SnippetDelta>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TokenUsage: ResolverTypeWrapper<TokenUsage>;
  UpstreamBudget: ResolverTypeWrapper<BudgetStatus>;
  UpstreamLimits: ResolverTypeWrapper<UpstreamLimits>;
  UpstreamName: UpstreamName;
  UpstreamStatus: ResolverTypeWrapper<UpstreamStatusSnapshot>;
  UsagePeriod: UsagePeriod;
  UsageReport: ResolverTypeWrapper<UsageReport>;
  UsageScope: UsageScope;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddProspectsInput: AddProspectsInput;
  Boolean: Scalars['Boolean']['output'];
  CallerUsage: CallerUsage;
  Campaign: CampaignModel;
  CampaignStats: CampaignStatsModel;
  ContentModel: ContentModel;
  ExportResult: ExportResultModel;
  Float: Scalars['Float']['output'];
  GenerateContentInput: GenerateContentInput;
  GeneratedContent: GeneratedContentModel;
  GenerationCompleted: Omit<GenerationCompleted, 'content'> & { content: ResolversParentTypes['GeneratedContent'] };
  GenerationEstimate: GenerationEstimateModel;
  GenerationEvent: ResolversUnionTypes<ResolversParentTypes>['GenerationEvent'];
  GenerationFailed: GenerationFailed;
  GenerationQueued: GenerationQueued;
  GenerationStarted: GenerationStarted;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  LeadInput: LeadInput;
  ModelUsage: ModelUsage;
  Mutation: Record<PropertyKey, never>;
  Prospect: ProspectModel;
  ProspectError: ProspectErrorModel;
  ProspectFilter: ProspectFilter;
  ProspectInput: ProspectInput;
  ProspectPage: ProspectPageModel;
  Query: Record<PropertyKey, never>;
  SnippetDelta: SnippetDelta;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  TokenUsage: TokenUsage;
  UpstreamBudget: BudgetStatus;
  UpstreamLimits: UpstreamLimits;
  UpstreamStatus: UpstreamStatusSnapshot;
  UsageReport: UsageReport;
}>;

export type ProspectRateLimitDirectiveArgs = {
  duration?: Scalars['Int']['input'];
  limit?: Scalars['Int']['input'];
};

export type ProspectRateLimitDirectiveResolver<Result, Parent, ContextType = GraphQLContext, Args = ProspectRateLimitDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RateLimitDirectiveArgs = {
  duration?: Scalars['Int']['input'];
  limit?: Scalars['Int']['input'];
};

export type RateLimitDirectiveResolver<Result, Parent, ContextType = GraphQLContext, Args = RateLimitDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CallerUsageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CallerUsage'] = ResolversParentTypes['CallerUsage']> = ResolversObject<{
  caller?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['ModelUsage']>, ParentType, ContextType>;
}>;

export type CampaignResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Campaign'] = ResolversParentTypes['Campaign']> = ResolversObject<{
  createdAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  folderName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fromEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fromName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  perDay?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['CampaignStats']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CampaignStatus'], ParentType, ContextType>;
}>;

export type CampaignStatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CampaignStats'] = ResolversParentTypes['CampaignStats']> = ResolversObject<{
  autoReplied?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bounced?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  clicked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  delivered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  interested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  invalid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maybeLater?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notInterested?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  opened?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  optedOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  prospects?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  replied?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ContentModelResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ContentModel'] = ResolversParentTypes['ContentModel']> = ResolversObject<{
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ExportResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ExportResult'] = ResolversParentTypes['ExportResult']> = ResolversObject<{
  duplicates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ProspectError']>, ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GeneratedContentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GeneratedContent'] = ResolversParentTypes['GeneratedContent']> = ResolversObject<{
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  generatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  industry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  linkedinUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet2?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet3?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet4?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet5?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet6?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  snippet7?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stopReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
}>;

export type GenerationCompletedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationCompleted'] = ResolversParentTypes['GenerationCompleted']> = ResolversObject<{
  content?: Resolver<ResolversTypes['GeneratedContent'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GenerationEstimateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationEstimate'] = ResolversParentTypes['GenerationEstimate']> = ResolversObject<{
  etaSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxCostUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  maxOutputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minCostUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type GenerationEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationEvent'] = ResolversParentTypes['GenerationEvent']> = ResolversObject<{
  __resolveType: TypeResolveFn<'GenerationCompleted' | 'GenerationFailed' | 'GenerationQueued' | 'GenerationStarted' | 'SnippetDelta', ParentType, ContextType>;
}>;

export type GenerationFailedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationFailed'] = ResolversParentTypes['GenerationFailed']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  completedSnippets?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryAfterSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  retryable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GenerationQueuedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationQueued'] = ResolversParentTypes['GenerationQueued']> = ResolversObject<{
  etaSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type GenerationStartedResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GenerationStarted'] = ResolversParentTypes['GenerationStarted']> = ResolversObject<{
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type ModelUsageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ModelUsage'] = ResolversParentTypes['ModelUsage']> = ResolversObject<{
  estimatedCostUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addProspectsToCampaign?: Resolver<ResolversTypes['ExportResult'], ParentType, ContextType, RequireFields<MutationAddProspectsToCampaignArgs, 'input'>>;
  deleteAttachment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAttachmentArgs, 'id'>>;
  generateContent?: Resolver<ResolversTypes['GeneratedContent'], ParentType, ContextType, RequireFields<MutationGenerateContentArgs, 'input'>>;
}>;

export type ProspectResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Prospect'] = ResolversParentTypes['Prospect']> = ResolversObject<{
  campaigns?: Resolver<Array<ResolversTypes['Campaign']>, ParentType, ContextType>;
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  industry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastContactedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastRepliedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  linkedinUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['ProspectStatus']>, ParentType, ContextType>;
  tags?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ProspectErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProspectError'] = ResolversParentTypes['ProspectError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ProspectErrorCode'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProspectPageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProspectPage'] = ResolversParentTypes['ProspectPage']> = ResolversObject<{
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['Prospect']>, ParentType, ContextType>;
  page?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  perPage?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<QueryCampaignArgs, 'id'>>;
  campaigns?: Resolver<Array<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<QueryCampaignsArgs, 'forceRefresh'>>;
  contentModels?: Resolver<Array<ResolversTypes['ContentModel']>, ParentType, ContextType>;
  duplicateEmails?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType, RequireFields<QueryDuplicateEmailsArgs, 'campaignId' | 'emails'>>;
  estimateGeneration?: Resolver<ResolversTypes['GenerationEstimate'], ParentType, ContextType, RequireFields<QueryEstimateGenerationArgs, 'input'>>;
  prospects?: Resolver<ResolversTypes['ProspectPage'], ParentType, ContextType, RequireFields<QueryProspectsArgs, 'page' | 'perPage'>>;
  upstreams?: Resolver<Array<ResolversTypes['UpstreamStatus']>, ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['UsageReport'], ParentType, ContextType, RequireFields<QueryUsageArgs, 'period' | 'scope'>>;
}>;

export type SnippetDeltaResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SnippetDelta'] = ResolversParentTypes['SnippetDelta']> = ResolversObject<{
  snippet?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  generateContentStream?: SubscriptionResolver<ResolversTypes['GenerationEvent'], "generateContentStream", ParentType, ContextType, RequireFields<SubscriptionGenerateContentStreamArgs, 'input'>>;
}>;

export type TokenUsageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TokenUsage'] = ResolversParentTypes['TokenUsage']> = ResolversObject<{
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type UpstreamBudgetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpstreamBudget'] = ResolversParentTypes['UpstreamBudget']> = ResolversObject<{
  dimension?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upstreamRemaining?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  upstreamResetAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UpstreamLimitsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpstreamLimits'] = ResolversParentTypes['UpstreamLimits']> = ResolversObject<{
  inputTokensPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxConcurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokensPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  queueMax?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queueMaxWaitMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requestsPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type UpstreamStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpstreamStatus'] = ResolversParentTypes['UpstreamStatus']> = ResolversObject<{
  budgets?: Resolver<Array<ResolversTypes['UpstreamBudget']>, ParentType, ContextType>;
  circuit?: Resolver<ResolversTypes['CircuitState'], ParentType, ContextType>;
  inFlight?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastErrorAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastErrorClass?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  limits?: Resolver<ResolversTypes['UpstreamLimits'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['UpstreamName'], ParentType, ContextType>;
  pausedUntil?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  simulated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type UsageReportResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UsageReport'] = ResolversParentTypes['UsageReport']> = ResolversObject<{
  callers?: Resolver<Array<ResolversTypes['CallerUsage']>, ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['UsagePeriod'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['UsageScope'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totals?: Resolver<Array<ResolversTypes['ModelUsage']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = GraphQLContext> = ResolversObject<{
  CallerUsage?: CallerUsageResolvers<ContextType>;
  Campaign?: CampaignResolvers<ContextType>;
  CampaignStats?: CampaignStatsResolvers<ContextType>;
  ContentModel?: ContentModelResolvers<ContextType>;
  ExportResult?: ExportResultResolvers<ContextType>;
  GeneratedContent?: GeneratedContentResolvers<ContextType>;
  GenerationCompleted?: GenerationCompletedResolvers<ContextType>;
  GenerationEstimate?: GenerationEstimateResolvers<ContextType>;
  GenerationEvent?: GenerationEventResolvers<ContextType>;
  GenerationFailed?: GenerationFailedResolvers<ContextType>;
  GenerationQueued?: GenerationQueuedResolvers<ContextType>;
  GenerationStarted?: GenerationStartedResolvers<ContextType>;
  ModelUsage?: ModelUsageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Prospect?: ProspectResolvers<ContextType>;
  ProspectError?: ProspectErrorResolvers<ContextType>;
  ProspectPage?: ProspectPageResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SnippetDelta?: SnippetDeltaResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TokenUsage?: TokenUsageResolvers<ContextType>;
  UpstreamBudget?: UpstreamBudgetResolvers<ContextType>;
  UpstreamLimits?: UpstreamLimitsResolvers<ContextType>;
  UpstreamStatus?: UpstreamStatusResolvers<ContextType>;
  UsageReport?: UsageReportResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = GraphQLContext> = ResolversObject<{
  prospectRateLimit?: ProspectRateLimitDirectiveResolver<any, any, ContextType>;
  rateLimit?: RateLimitDirectiveResolver<any, any, ContextType>;
}>;
