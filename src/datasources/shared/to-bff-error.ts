import { BffError, ErrorCode } from '../../errors';
import { DeadlineExceeded } from './deadline';
import { LocalRejection } from './local-rejection';
import type { UpstreamFailure } from './upstream-failure';

function tryAgain(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined) return 'try again in a moment';
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `try again in ${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** An error that tells the user when to come back, in the message and in `retryAfterSeconds`, when known. */
function comeBackLater(code: ErrorCode, situation: string, retryAfterMs: number | undefined, cause: unknown): BffError {
  return new BffError(code, `${situation}; ${tryAgain(retryAfterMs)}.`, {
    cause,
    ...(retryAfterMs !== undefined && { retryAfterSeconds: retryAfterMs / 1000 }),
  });
}

/** For what the user cannot fix or should not see (our own key, our own bug). */
export function internalError(cause: unknown): BffError {
  return new BffError(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; please contact support.', { cause });
}

/**
 * The one translation from what went wrong upstream (or in front of it) to the closed code set. Messages are
 * written for the end user and never quote the upstream; the failure travels as `cause`, which is logged and
 * never serialised to the client.
 */
export function toBffError(error: UpstreamFailure | LocalRejection, name: string): BffError {
  return error instanceof LocalRejection ? fromRejection(error, name) : fromFailure(error, name);
}

function fromFailure(failure: UpstreamFailure, name: string): BffError {
  const { retryAfterMs } = failure;
  switch (failure.failureClass) {
    case 'rate_limited':
    case 'upstream_queue_full':
      return comeBackLater(ErrorCode.UPSTREAM_RATE_LIMITED, `${name} is receiving too many requests right now`, retryAfterMs, failure);
    case 'overloaded':
    case 'server_error':
    case 'network':
    case 'invalid_response':
      return comeBackLater(ErrorCode.UPSTREAM_UNAVAILABLE, `${name} is unavailable right now`, retryAfterMs, failure);
    case 'timeout':
      return new BffError(ErrorCode.UPSTREAM_TIMEOUT, `${name} did not answer in time; try again.`, { cause: failure });
    case 'aborted':
      return new BffError(
        ErrorCode.UPSTREAM_TIMEOUT,
        failure.cause instanceof DeadlineExceeded
          ? `${name} did not answer in time; try again.`
          : `The request was cancelled before ${name} answered.`,
        { cause: failure },
      );
    case 'spend_cap':
      return new BffError(
        ErrorCode.QUOTA_EXHAUSTED,
        `The ${name} usage limit for this account has been reached; ask an administrator to raise it.`,
        { cause: failure },
      );
    case 'auth':
    case 'forbidden':
    case 'bad_request':
      // Our own key is wrong or lacks access, or we sent something the upstream refuses (every user input is
      // validated before it is sent, so that is our bug): nothing the user can fix, and no detail to show.
      return internalError(failure);
    case 'not_found':
      return new BffError(ErrorCode.NOT_FOUND, `${name} has no record of the requested item.`, { cause: failure });
  }
}

function fromRejection(rejection: LocalRejection, name: string): BffError {
  const { retryAfterMs } = rejection;
  switch (rejection.kind) {
    case 'queue_full':
    case 'wait_too_long':
      return comeBackLater(ErrorCode.UPSTREAM_BUSY, `${name} is busy right now`, retryAfterMs, rejection);
    case 'cost_too_large':
      return new BffError(
        ErrorCode.UPSTREAM_BUSY,
        `This request is larger than the ${name} limits allow at once; shorten it or ask an administrator to raise the limits.`,
        { cause: rejection },
      );
    case 'paused':
      return comeBackLater(ErrorCode.UPSTREAM_RATE_LIMITED, `${name} is receiving too many requests right now`, retryAfterMs, rejection);
    case 'circuit_open':
      return comeBackLater(ErrorCode.UPSTREAM_UNAVAILABLE, `${name} is unavailable right now`, retryAfterMs, rejection);
    case 'shutting_down':
      return comeBackLater(ErrorCode.UPSTREAM_UNAVAILABLE, 'The server is restarting', undefined, rejection);
  }
}
