import type { AppError, AppErrorCode } from './app-error';

/** How long until a retry may work: undefined = unknown, 0 = now. */
export type SecondsLeft = number | undefined;

function whenToRetry(secondsLeft: SecondsLeft): string {
  if (secondsLeft === undefined) return 'Please try again in a moment.';
  if (secondsLeft <= 0) return 'You can try again now.';
  return `Please try again in ${secondsLeft} second${secondsLeft === 1 ? '' : 's'}.`;
}

/** Whether the server named an input under `prefix` (`file`, `input.attachmentIds[0]`, …). */
function names(error: AppError, prefix: string): boolean {
  return error.fields?.some((field) => field === prefix || field.startsWith(`${prefix}[`) || field.startsWith(`${prefix}.`)) ?? false;
}

function badInput(error: AppError): string {
  if (names(error, 'file')) return 'This file was not accepted. Attach a PDF or an image (PNG, JPEG, GIF or WebP) of at most 10 MB.';
  if (names(error, 'input.attachmentIds')) return 'A generation takes at most 4 files. Remove one to attach another.';
  return `Some of the data was not accepted${error.fields?.length ? ` (${error.fields.join(', ')})` : ''}. Check it and try again.`;
}

function notFound(error: AppError): string {
  if (names(error, 'input.attachmentIds')) return 'An attached file is no longer on the server (files are kept for a day). Remove it, attach it again, then retry.';
  return 'Woodpecker no longer knows this campaign. Refresh the campaign list and pick another one.';
}

const APP_OUT_OF_DATE = 'The server did not accept this request from the app. Reload the page; if this keeps happening, the app and the server are out of step.';

/**
 * One message per code, written by the app: what happened and what the user can do. Server and upstream
 * texts are never shown, so nothing a vendor writes (or a key it echoes) can reach the page.
 */
const MESSAGES: Record<AppErrorCode, (error: AppError, secondsLeft: SecondsLeft) => string> = {
  BAD_USER_INPUT: badInput,
  UNAUTHENTICATED: () => 'The server needs a valid access token. Enter it under “Access token” at the top of the page.',
  FORBIDDEN: () => 'Your access token does not allow this action. Ask an administrator for access.',
  NOT_FOUND: notFound,
  RATE_LIMITED: (_e, s) => `You have sent too many requests in a short time. ${whenToRetry(s)}`,
  UPSTREAM_BUSY: (_e, s) => `The server is busy with other requests right now. ${whenToRetry(s)}`,
  UPSTREAM_RATE_LIMITED: (_e, s) => `Claude or Woodpecker is limiting how fast we can call it. ${whenToRetry(s)}`,
  UPSTREAM_UNAVAILABLE: (_e, s) => `Claude or Woodpecker is not available at the moment. ${whenToRetry(s)}`,
  UPSTREAM_TIMEOUT: () => 'Claude or Woodpecker took too long to answer. Please try again.',
  QUOTA_EXHAUSTED: () => 'The AI spending limit for this account has been reached. Retrying will not help until an administrator raises it.',
  CONTENT_INVALID: () => 'The AI’s answer could not be turned into a 7-step sequence. Please try again.',
  INTERNAL_SERVER_ERROR: () => 'Something went wrong on the server. Please try again later; if it keeps happening, share the reference below.',
  GRAPHQL_PARSE_FAILED: () => APP_OUT_OF_DATE,
  GRAPHQL_VALIDATION_FAILED: () => APP_OUT_OF_DATE,
  BAD_REQUEST: () => APP_OUT_OF_DATE,
  OPERATION_RESOLUTION_FAILURE: () => APP_OUT_OF_DATE,
  PERSISTED_QUERY_NOT_FOUND: () => APP_OUT_OF_DATE,
  NETWORK: () => 'The server cannot be reached. Check your connection, then try again.',
  UNKNOWN: () => 'Something unexpected went wrong. Please try again.',
};

export function friendlyMessage(error: AppError, secondsLeft: SecondsLeft = error.retryAfterSeconds): string {
  return MESSAGES[error.code](error, secondsLeft);
}

/** A retry hint counts down when the server said when a retry can succeed (RATE_LIMITED, UPSTREAM_BUSY, …). */
export function hasCountdown(error: AppError): boolean {
  return error.retryable && error.retryAfterSeconds !== undefined;
}
