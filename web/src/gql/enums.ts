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
