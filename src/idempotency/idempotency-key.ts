import { badInput } from '../errors';

/** Short and plain, like Stripe's keys (UUIDs, ULIDs, "order-123:v2"): safe in Redis keys and log lines. */
const KEY_FORMAT = /^[A-Za-z0-9_.:-]{1,200}$/;

export const HEADER_FIELD = 'Idempotency-Key';
export const INPUT_FIELD = 'input.idempotencyKey';

export interface IdempotencyKey {
  key: string;
  /** Where it came from, named in BAD_USER_INPUT errors. */
  field: string;
}

/**
 * The key of an operation, from the `Idempotency-Key` header or the input field (clients that cannot set
 * headers per operation use the field). Both may be sent only if they agree. Undefined when neither is.
 */
export function chooseIdempotencyKey(header: string | undefined, input: string | null | undefined): IdempotencyKey | undefined {
  const sent = [
    ...(header !== undefined ? [{ key: header, field: HEADER_FIELD }] : []),
    ...(input !== undefined && input !== null ? [{ key: input, field: INPUT_FIELD }] : []),
  ];
  for (const { key, field } of sent) {
    if (!KEY_FORMAT.test(key)) throw badInput(`${field} must be 1–200 characters of letters, digits and _ . : -`, [field]);
  }
  const [first, second] = sent;
  if (first && second && first.key !== second.key) {
    throw badInput('The Idempotency-Key header and input.idempotencyKey differ; send one key.', [HEADER_FIELD, INPUT_FIELD]);
  }
  return first;
}
