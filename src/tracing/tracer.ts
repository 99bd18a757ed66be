import { context, trace, type Context, type Tracer } from '@opentelemetry/api';
import { currentRequestContext, type RequestContext } from '../logging/request-context';

/**
 * Spans go through the OpenTelemetry API only: until an operator registers an SDK (see docs/operations.md, tracing), every
 * span is a non-recording no-op and no exporter is loaded.
 */

const TRACER_NAME = 'outreach-bff';

/**
 * Asked for at each use, not cached: a tracer obtained before the operator's SDK registered (or from a provider
 * since replaced, as tests do) would keep pointing at the old one.
 */
export function bffTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/**
 * Apollo's hooks cannot wrap execution in an OpenTelemetry context, so the operation's span is remembered per
 * request context (which AsyncLocalStorage carries down to the upstream runtime) and upstream spans find
 * their parent here. Weak: a finished request's entry goes with it.
 */
const operationContexts = new WeakMap<RequestContext, Context>();

export function rememberOperationContext(requestContext: RequestContext, operationContext: Context): void {
  operationContexts.set(requestContext, operationContext);
}

/** The current operation's context (its span as parent), else whatever context is active. */
export function currentOperationContext(): Context {
  const requestContext = currentRequestContext();
  return (requestContext && operationContexts.get(requestContext)) ?? context.active();
}
