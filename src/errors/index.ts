/**
 * The closed error set: every layer raises it, so it depends on nothing of theirs (only graphql and the
 * schema's generated enums). Translation into it happens at each upstream's boundary; `formatError` is the last line.
 */
export { APOLLO_REQUEST_CODES, ErrorCode, httpStatusOf, isErrorCode, isRetryable } from './codes';
export { BffError, badInput, type BffErrorOptions } from './bff-error';
