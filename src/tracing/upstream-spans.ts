import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { UpstreamListener } from '../datasources/shared/upstream-events';
import type { UpstreamRuntime } from '../datasources/shared/upstream-runtime';
import { bffTracer, currentOperationContext } from './tracer';

/**
 * One span per upstream attempt (`upstream.claude POST /v1/messages`), child of the operation's span. The
 * runtime reports an attempt when it is over, so the span is recorded then with its real start time.
 */
const upstreamSpans: UpstreamListener = {
  onAttempt({ upstream, route, attempt, durationMs, outcome, status }) {
    const span = bffTracer().startSpan(
      `upstream.${upstream} ${route}`,
      { kind: SpanKind.CLIENT, startTime: Date.now() - durationMs },
      currentOperationContext(),
    );
    if (!span.isRecording()) return;
    span.setAttributes({
      'bff.upstream': upstream,
      'bff.upstream.route': route,
      'bff.upstream.attempt': attempt,
      'bff.upstream.outcome': outcome,
    });
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    span.end();
  },
};

export function traceUpstreams(runtimes: readonly UpstreamRuntime[]): void {
  for (const runtime of runtimes) runtime.subscribe(upstreamSpans);
}
