import { ErrorCode, httpStatusOf, isErrorCode, isRetryable } from '..';

describe('the closed error set', () => {
  it('When a value names an Object.prototype property, then it is not an error code', () => {
    for (const value of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(isErrorCode(value)).toBe(false);
  });

  it('When a value is one of the codes, then it is recognised with its retryability and HTTP status', () => {
    expect(isErrorCode('UPSTREAM_BUSY')).toBe(true);
    expect(isRetryable(ErrorCode.UPSTREAM_BUSY)).toBe(true);
    expect(isRetryable(ErrorCode.QUOTA_EXHAUSTED)).toBe(false);
    expect(httpStatusOf(ErrorCode.UNAUTHENTICATED)).toBe(401);
    expect(httpStatusOf(ErrorCode.NOT_FOUND)).toBeUndefined();
  });
});
