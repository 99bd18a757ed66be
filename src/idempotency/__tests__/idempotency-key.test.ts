import { BffError } from '../../errors';
import { chooseIdempotencyKey } from '../idempotency-key';

function refusal(run: () => unknown): BffError {
  try {
    run();
  } catch (error) {
    if (error instanceof BffError) return error;
  }
  throw new Error('expected a BffError');
}

describe('chooseIdempotencyKey', () => {
  it('takes the header or the input field, and none when neither is sent', () => {
    expect(chooseIdempotencyKey('order-1:v2', undefined)).toEqual({ key: 'order-1:v2', field: 'Idempotency-Key' });
    expect(chooseIdempotencyKey(undefined, 'b1e3a0c2-9f1d-4c4e-8a53-4a1f0f6b7c11')).toEqual({
      key: 'b1e3a0c2-9f1d-4c4e-8a53-4a1f0f6b7c11',
      field: 'input.idempotencyKey',
    });
    expect(chooseIdempotencyKey(undefined, null)).toBeUndefined();
  });

  it('accepts both when they agree, refuses two different keys', () => {
    expect(chooseIdempotencyKey('k-1', 'k-1')?.key).toBe('k-1');
    const error = refusal(() => chooseIdempotencyKey('k-1', 'k-2'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['Idempotency-Key', 'input.idempotencyKey'] });
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['spaces', 'my key'],
    ['a newline (log injection)', 'key\nlevel=error'],
    ['braces (Redis hash tags)', '{key}'],
  ])('refuses a key with %s as BAD_USER_INPUT naming where it came from', (_, key) => {
    expect(refusal(() => chooseIdempotencyKey(key, undefined)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['Idempotency-Key'] });
    expect(refusal(() => chooseIdempotencyKey(undefined, key)).extensions).toMatchObject({ fields: ['input.idempotencyKey'] });
  });

  it('accepts the longest allowed key', () => {
    expect(chooseIdempotencyKey('a'.repeat(200), undefined)?.key).toHaveLength(200);
  });
});
