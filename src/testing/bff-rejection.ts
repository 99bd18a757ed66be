import { BffError } from '../errors';

/** Awaits a promise expected to reject with a BffError and returns it; anything else fails the test. */
export async function bffRejection(promise: Promise<unknown>): Promise<BffError> {
  const outcome = await promise.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof BffError)) throw outcome.error;
  return outcome.error;
}
