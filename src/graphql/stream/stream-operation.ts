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

/** A document that parsed and validated, and whether the app ships it. */
interface CheckedDocument {
  document: DocumentNode;
  shipped: boolean;
}

/** Documents kept parsed and validated, by text (the app sends a handful; this bounds what others can make us keep). */
const MAX_CHECKED_DOCUMENTS = 500;

/**
 * What Apollo Server checks on /graphql before anything executes, in its order and with its codes, for an operation
 * sent to the stream route: parse (token limit), validate (the same query-shape and Woodpecker-call rules), resolve
 * the operation, the persisted-operations safelist, then this route's own rule (subscriptions only) and the variables.
 * Like Apollo's document store, a text that passed is not parsed and validated again: under a burst of streams that
 * work was most of each request's own time on the event loop.
 */
export class StreamOperations {
  private readonly checked = new Map<string, CheckedDocument>();

  constructor(private readonly rules: RequestRules) {}

  prepare(params: RequestParams): PreparedOperation {
    const checked = this.check(params.query);
    if ('errors' in checked) return { ok: false, errors: checked.errors };
    return this.resolve(params, checked);
  }

  private check(query: string): CheckedDocument | { errors: readonly GraphQLError[] } {
    const known = this.checked.get(query);
    if (known) return known;
    const { rules } = this;
    let document: DocumentNode;
    try {
      document = parse(query, rules.parseOptions);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { errors: [requestError(error.message, 'GRAPHQL_PARSE_FAILED', error)] };
    }
    const invalid = validate(rules.schema, document, [...specifiedRules, ...rules.validationRules]);
    if (invalid.length > 0) {
      return { errors: invalid.map((error) => requestError(rules.validationMessage(error.message), 'GRAPHQL_VALIDATION_FAILED', error)) };
    }
    const checked = { document, shipped: rules.persisted.documents.isShipped(query, document) };
    // The oldest goes first: a Map iterates in insertion order.
    if (this.checked.size >= MAX_CHECKED_DOCUMENTS) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(query, checked);
    return checked;
  }

  private resolve(params: RequestParams, { document, shipped }: CheckedDocument): PreparedOperation {
    const { rules } = this;
    const operation = getOperationAST(document, params.operationName) ?? undefined;
    if (!operation) {
      const message = params.operationName
        ? `Unknown operation named "${params.operationName}".`
        : 'Must provide operation name if query contains multiple operations.';
      return { ok: false, document, errors: [requestError(message, 'OPERATION_RESOLUTION_FAILURE')] };
    }
    if (rules.persisted.documents.safelist && !shipped) return { ok: false, document, operation, errors: [notShipped()] };
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
}
