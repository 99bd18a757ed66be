import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestParams } from 'graphql-sse';
import { notShipped } from '../plugins/persisted-operations';
import type { RequestRules } from '../request-rules';

export type PreparedOperation =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> }
  | { ok: false; errors: readonly GraphQLError[]; operation?: OperationDefinitionNode; document?: DocumentNode };

const requestError = (message: string, code: string, source?: GraphQLError) =>
  new GraphQLError(message, { nodes: source?.nodes, source: source?.source, positions: source?.positions, extensions: { code } });

/**
 * What Apollo Server checks on /graphql before anything executes, in its order and with its codes, for an operation
 * sent to the stream route: parse (token limit), validate (the same query-shape and Woodpecker-call rules), resolve
 * the operation, the persisted-operations safelist, then this route's own rule (subscriptions only) and the variables.
 */
export function prepareStreamOperation(params: RequestParams, rules: RequestRules): PreparedOperation {
  let document: DocumentNode;
  try {
    document = parse(params.query, rules.parseOptions);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { ok: false, errors: [requestError(error.message, 'GRAPHQL_PARSE_FAILED', error)] };
  }
  const invalid = validate(rules.schema, document, [...specifiedRules, ...rules.validationRules]);
  if (invalid.length > 0) {
    return { ok: false, document, errors: invalid.map((error) => requestError(error.message, 'GRAPHQL_VALIDATION_FAILED', error)) };
  }
  const operation = getOperationAST(document, params.operationName) ?? undefined;
  if (!operation) {
    const message = params.operationName
      ? `Unknown operation named "${params.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { ok: false, document, errors: [requestError(message, 'OPERATION_RESOLUTION_FAILURE')] };
  }
  if (rules.persisted.documents.safelist && !rules.persisted.documents.isShipped(params.query, document)) {
    return { ok: false, document, operation, errors: [notShipped()] };
  }
  if (operation.operation !== 'subscription') {
    const message = 'This route streams subscriptions; send queries and mutations to /graphql.';
    return { ok: false, document, operation, errors: [requestError(message, 'BAD_REQUEST')] };
  }
  const coerced = getVariableValues(rules.schema, operation.variableDefinitions ?? [], params.variables ?? {}, { maxErrors: 50 });
  if (coerced.errors) {
    return { ok: false, document, operation, errors: coerced.errors.map((error) => requestError(error.message, 'BAD_USER_INPUT', error)) };
  }
  return { ok: true, document, operation, variables: params.variables ?? {} };
}
