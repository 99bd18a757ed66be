import type { Request, RequestHandler, Response } from 'express';
import type { ExecutionArgs, GraphQLError, GraphQLFormattedError } from 'graphql';
import { isAsyncIterable, type ExecutionResult, type OperationContext, type RequestParams } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Caller } from '../../auth/caller';
import type { Clock } from '../../datasources/shared/clock';
import { clientAbortSignal } from '../../http/client-abort';
import { sendGraphQLError } from '../../http/json-errors';
import { describeError, logger } from '../../logging/logger';
import type { Metrics } from '../../metrics';
import { buildContext, type ContextServices } from '../build-context';
import { formatError } from '../format-error';
import { unknownPersistedQuery } from '../plugins/persisted-operations';
import { retryAfterHeader } from '../plugins/retry-after';
import type { RequestRules } from '../request-rules';
import { StreamOperations } from './stream-operation';
import { StreamRecord } from './stream-record';

export interface StreamRouteServices extends ContextServices {
  metrics: Pick<Metrics, 'operations' | 'streams'>;
}

/** What the route keeps per request between graphql-sse's hooks. */
interface StreamRequest {
  record: StreamRecord;
  caller: Caller;
  requestId: string;
  /** Aborts when the connection closes before the stream ended: the generation is cancelled with it. */
  signal: AbortSignal;
}

const log = logger.child({ component: 'stream' });
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** graphql-sse's request as its express adapter builds it: the express response is its context. */
interface SseRequest {
  context: { res: Response };
}

function formatted(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => formatError(error.toJSON(), error));
}

/**
 * The body graphql-sse will read, checked here so that every refusal has our error shape: a JSON object whose
 * `query` is a string. A request carrying only a manifest hash (persisted operations) gets the manifest's text, as
 * on /graphql; with both, the text decides. Undefined when it answered the request itself.
 */
function readParams(req: Request, res: Response, rules: RequestRules): RequestParams | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendGraphQLError(req, res, 400, 'BAD_REQUEST', 'The request body must be a JSON object with a "query".');
    return undefined;
  }
  const params = body as Partial<Record<keyof RequestParams, unknown>>;
  const hash = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (params.query === undefined && typeof hash === 'string') {
    const query = rules.persisted.documents.lookup(hash);
    if (query === undefined) {
      sendGraphQLError(req, res, 400, 'PERSISTED_QUERY_NOT_FOUND', unknownPersistedQuery().message);
      return undefined;
    }
    req.body = { ...params, query };
    return req.body as RequestParams;
  }
  if (typeof params.query !== 'string') {
    sendGraphQLError(req, res, 400, 'BAD_REQUEST', 'The request body must carry the operation as a string "query".');
    return undefined;
  }
  return params as RequestParams;
}

/**
 * `POST /graphql/stream`: the graphql-sse protocol in distinct connections mode (one response per subscription,
 * which ends with the subscription), over the same schema, limits, manifest and error masking as /graphql. Apollo's
 * plugins do not run here; the code they share is called instead. Refusals before execution are HTTP 400s in the
 * GraphQL error shape, as on /graphql; errors of the subscription's setup (limits, input) arrive in the stream.
 * Runs after CORS, authentication, the request checks and the JSON body parser (see app.ts).
 */
export function streamRoute(deps: StreamRouteServices, rules: RequestRules, options: { clock?: Clock } = {}): RequestHandler {
  const requests = new WeakMap<Response, StreamRequest>();
  const stateOf = (req: SseRequest): StreamRequest => requests.get(req.context.res)!;
  const operations = new StreamOperations(rules);

  const handler = createHandler<OperationContext>({
    schema: rules.schema,
    // No stream tokens: single connection mode (a registry of streams by token, joinable by anyone holding one) is off.
    authenticate: () => null,
    // onSubscribe validated the document with the shared rules already.
    validate: () => [],
    onSubscribe: (req, params) => {
      const state = stateOf(req);
      const prepared = operations.prepare(params);
      state.record.resolved(prepared.operation, prepared.document);
      if (!prepared.ok) {
        const errors = formatted(prepared.errors);
        state.record.refused(errors);
        return [JSON.stringify({ errors }), { status: 400, statusText: 'Bad Request', headers: JSON_HEADERS }];
      }
      const contextValue = buildContext(deps, { requestId: state.requestId, caller: state.caller, signal: state.signal });
      const args: ExecutionArgs = {
        schema: rules.schema,
        document: prepared.document,
        operationName: params.operationName,
        variableValues: prepared.variables,
        contextValue,
      };
      return args as ExecutionArgs & { contextValue: OperationContext };
    },
    onOperation: (_ctx, req, _args, result) => {
      const streaming = isAsyncIterable(result);
      stateOf(req).record.subscribed(streaming);
      // Refused while subscribing (a per-client limit, bad input): the headers are not written yet.
      const retryAfter = streaming ? undefined : retryAfterHeader((result as ExecutionResult).errors);
      if (retryAfter !== undefined) req.context.res.setHeader('retry-after', retryAfter);
    },
    onNext: (_ctx, req, result) => {
      // JSON.stringify writes the formatted errors as they are.
      const masked = result.errors ? { ...result, errors: formatted(result.errors) as unknown as GraphQLError[] } : result;
      stateOf(req).record.observe(masked);
      return masked;
    },
    onComplete: (_ctx, req) => stateOf(req).record.ended(),
  });

  return async (req, res, next) => {
    const caller = res.locals.caller as Caller;
    const params = readParams(req, res, rules);
    if (!params) return;
    const record = new StreamRecord(res, caller, { ...deps.metrics, clock: options.clock });
    requests.set(res, { record, caller, requestId: String(res.locals.requestId), signal: clientAbortSignal(res) });
    try {
      await handler(req, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      // Mid-stream there is no answer left to give: the error goes to the log and the connection ends.
      log.error('the event stream failed', { error: describeError(error) });
      res.destroy();
    }
  };
}
