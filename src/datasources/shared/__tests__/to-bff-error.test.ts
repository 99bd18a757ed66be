import { DeadlineExceeded } from '../deadline';
import { LocalRejection, type LocalRejectionKind } from '../local-rejection';
import { toBffError } from '../to-bff-error';
import { abortedFailure, type FailureClass } from '../upstream-failure';
import { failure } from './support/fakes';

describe('toBffError', () => {
  const table: Array<[FailureClass, string, boolean]> = [
    ['rate_limited', 'UPSTREAM_RATE_LIMITED', true],
    ['upstream_queue_full', 'UPSTREAM_RATE_LIMITED', true],
    ['overloaded', 'UPSTREAM_UNAVAILABLE', true],
    ['server_error', 'UPSTREAM_UNAVAILABLE', true],
    ['network', 'UPSTREAM_UNAVAILABLE', true],
    ['invalid_response', 'UPSTREAM_UNAVAILABLE', true],
    ['timeout', 'UPSTREAM_TIMEOUT', true],
    ['aborted', 'UPSTREAM_TIMEOUT', true],
    ['spend_cap', 'QUOTA_EXHAUSTED', false],
    ['auth', 'INTERNAL_SERVER_ERROR', false],
    ['forbidden', 'INTERNAL_SERVER_ERROR', false],
    ['not_found', 'NOT_FOUND', false],
    ['bad_request', 'INTERNAL_SERVER_ERROR', false],
  ];

  it.each(table)('%s → %s', (cls, code, retryable) => {
    const cause = failure(cls);
    const error = toBffError(cause, 'Claude');
    expect(error.extensions).toMatchObject({ code, retryable });
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('upstream said');
    expect(JSON.stringify(error.toJSON())).not.toContain('upstream said');
  });

  it('says when to retry when the upstream did', () => {
    const error = toBffError(failure('rate_limited', { retryAfterMs: 19_200 }), 'Woodpecker');
    expect(error.message).toBe('Woodpecker is receiving too many requests right now; try again in 20 seconds.');
    expect(error.extensions.retryAfterSeconds).toBe(20);
    expect(toBffError(failure('server_error'), 'Claude').extensions.retryAfterSeconds).toBeUndefined();
  });

  it('names the spend cap and asks for an administrator', () => {
    expect(toBffError(failure('spend_cap'), 'Claude').message).toBe(
      'The Claude usage limit for this account has been reached; ask an administrator to raise it.',
    );
  });

  it('treats an upstream refusing our request as our own bug, with a generic message', () => {
    expect(toBffError(failure('bad_request'), 'Woodpecker').message).toBe('Something went wrong on our side; please contact support.');
  });

  it('tells a deadline from a client that went away', () => {
    const expired = new AbortController();
    expired.abort(new DeadlineExceeded(10_000));
    const gone = new AbortController();
    gone.abort(new Error('client disconnected'));
    expect(toBffError(abortedFailure('claude', expired.signal, 'no'), 'Claude').message).toBe('Claude did not answer in time; try again.');
    expect(toBffError(abortedFailure('claude', gone.signal, 'no'), 'Claude').message).toBe('The request was cancelled before Claude answered.');
  });

  const rejections: Array<[LocalRejectionKind, string]> = [
    ['queue_full', 'UPSTREAM_BUSY'],
    ['wait_too_long', 'UPSTREAM_BUSY'],
    ['cost_too_large', 'UPSTREAM_BUSY'],
    ['paused', 'UPSTREAM_RATE_LIMITED'],
    ['circuit_open', 'UPSTREAM_UNAVAILABLE'],
    ['shutting_down', 'UPSTREAM_UNAVAILABLE'],
  ];

  it.each(rejections)('local %s → %s', (kind, code) => {
    const rejection = new LocalRejection(kind, 2_500, 'internal detail');
    const error = toBffError(rejection, 'Woodpecker');
    expect(error.extensions.code).toBe(code);
    expect(error.cause).toBe(rejection);
    expect(error.message).not.toContain('internal detail');
  });

  it('writes busy and unavailable messages with the estimated wait', () => {
    expect(toBffError(new LocalRejection('queue_full', 19_001, ''), 'Woodpecker').message).toBe(
      'Woodpecker is busy right now; try again in 20 seconds.',
    );
    const open = toBffError(new LocalRejection('circuit_open', 800, ''), 'Claude');
    expect(open.message).toBe('Claude is unavailable right now; try again in 1 second.');
    expect(open.extensions.retryAfterSeconds).toBe(1);
  });
});
