import { print } from 'graphql';
import { loadConfig } from '../../../config';
import { GenerateContentStreamDocument } from '../../../generated/operations/graphql';
import { memoryRateLimitStore } from '../../directives/rate-limit';
import { requestRules } from '../../request-rules';
import { StreamOperations } from '../stream-operation';

const SHIPPED = print(GenerateContentStreamDocument);
const variables = { input: { lead: { email: 'dana@northwind.example' } } };
const operationsWith = (env: Record<string, string> = {}) =>
  new StreamOperations(requestRules({ config: loadConfig({ NODE_ENV: 'test', ...env }), rateLimitStore: memoryRateLimitStore }));

const codesOf = (prepared: ReturnType<StreamOperations['prepare']>) => (prepared.ok ? [] : prepared.errors.map((e) => e.extensions.code));

describe('StreamOperations', () => {
  it('When a text that passed before comes again, then its operation name and variables are still checked per request', () => {
    const operations = operationsWith();
    expect(operations.prepare({ query: SHIPPED, variables }).ok).toBe(true);
    expect(codesOf(operations.prepare({ query: SHIPPED, operationName: 'Other', variables }))).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(codesOf(operations.prepare({ query: SHIPPED, variables: { input: { lead: { email: 7 } } } }))).toEqual(['BAD_USER_INPUT']);
    expect(operations.prepare({ query: SHIPPED, variables }).ok).toBe(true);
  });

  it('When persisted operations only are allowed, then a text is refused every time it comes, not only the first', () => {
    const operations = operationsWith({ PERSISTED_OPERATIONS_ONLY: 'true' });
    const mine = 'subscription Mine($input: GenerateContentInput!) { generateContentStream(input: $input) { __typename } }';
    expect(codesOf(operations.prepare({ query: mine, variables }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(codesOf(operations.prepare({ query: mine, variables }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(operations.prepare({ query: SHIPPED, variables }).ok).toBe(true);
  });

  it('When a query is deeper than the limit, then it is refused by the same validation rules as on /graphql', () => {
    const operations = operationsWith({ QUERY_MAX_DEPTH: '2' });
    expect(codesOf(operations.prepare({ query: SHIPPED, variables }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
