import type { GraphQLResponse } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { APOLLO_REQUEST_CODES, isErrorCode } from '../../errors';

/**
 * What the access line, the metrics and the traces say about one operation, computed the same way for all
 * three. Labels here feed Prometheus, so each is bounded: by the schema or by the closed error-code set.
 */

const UNKNOWN_OPERATION = 'unknown';
const MULTIPLE_ROOT_FIELDS = 'multiple';
/** Each combination of root fields would be its own metric series: more than this are just `multiple`. */
const MAX_NAMED_ROOT_FIELDS = 2;
const NO_CODES: readonly string[] = Object.freeze([]);

const labelCache = new WeakMap<OperationDefinitionNode, string>();

/**
 * The operation's root field names (sorted, distinct, `+`-joined: `campaigns`, `campaigns+upstreams`; meta fields
 * such as `__typename` only when there is nothing else), not the
 * client-chosen operation name: Apollo sets `operation` only after validation, so every name is in the schema.
 * `unknown` when the request never became an operation (it did not parse or validate). Cached per parsed
 * operation, which Apollo's document cache reuses for a repeated query.
 */
export function rootFieldLabel(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): string {
  if (!operation) return UNKNOWN_OPERATION;
  let label = labelCache.get(operation);
  if (label === undefined) {
    const all = [...collectFieldNames(operation.selectionSet, document, new Set())].sort();
    // The app's documents ask for `__typename` at the root too (for Apollo Client's cache); it names nothing.
    const fields = all.filter((name) => !name.startsWith('__'));
    const names = fields.length > 0 ? fields : all;
    label = names.length === 0 ? UNKNOWN_OPERATION : names.length > MAX_NAMED_ROOT_FIELDS ? MULTIPLE_ROOT_FIELDS : names.join('+');
    labelCache.set(operation, label);
  }
  return label;
}

/** Root fields may sit inside inline fragments or named fragment spreads. */
function collectFieldNames(selectionSet: SelectionSetNode, document: DocumentNode | undefined, names: Set<string>): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectFieldNames(selection.selectionSet, document, names);
    else {
      const fragment = document?.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) collectFieldNames(fragment.selectionSet, document, names);
    }
  }
  return names;
}

/** The distinct `extensions.code`s of the response's errors, in order; empty when it succeeded. */
export function errorCodes(response: GraphQLResponse): readonly string[] {
  return codesOf(response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors);
}

/** The distinct `extensions.code`s of formatted errors (an Apollo response's or a streamed result's), in order. */
export function codesOf(errors: readonly GraphQLFormattedError[] | undefined): readonly string[] {
  if (!errors || errors.length === 0) return NO_CODES;
  return [...new Set(errors.map((e) => String(e.extensions?.code)))];
}

/** `ok`, or the codes joined: for logs and span attributes, which may be as specific as they like. */
export function outcomeText(codes: readonly string[]): string {
  return codes.length === 0 ? 'ok' : codes.join(',');
}

/** `ok`, or the first error's code; anything outside the known code sets is `OTHER`, so the label stays bounded. */
export function outcomeLabel(codes: readonly string[]): string {
  const [first] = codes;
  if (first === undefined) return 'ok';
  return isErrorCode(first) || APOLLO_REQUEST_CODES.has(first) ? first : 'OTHER';
}
