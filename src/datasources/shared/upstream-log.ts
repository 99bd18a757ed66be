import type winston from 'winston';
import { BffError } from '../../errors';
import { describeError } from '../../logging/logger';
import { LocalRejection } from './local-rejection';
import type { UpstreamListener } from './upstream-events';
import { UpstreamFailure } from './upstream-failure';

/**
 * The runtime's log lines, as one listener among metrics and tracing: a warning per failed attempt, a debug
 * line per successful one, one line per call that ended in an error, and the circuit's transitions. The
 * logger adds the request id of the call's async context to each line.
 */
export function upstreamLogListener(displayName: string, log: winston.Logger): UpstreamListener {
  return {
    onAttempt({ route, attempt, durationMs, failure, upstreamRequestId }) {
      if (!failure) {
        if (log.isDebugEnabled()) log.debug('upstream attempt', { route, attempt, durationMs, upstreamRequestId });
        return;
      }
      log.warn('upstream attempt failed', {
        route,
        attempt,
        durationMs,
        failureClass: failure.failureClass,
        status: failure.status,
        upstreamCode: failure.upstreamCode,
        delivery: failure.delivery,
        retryAfterMs: failure.retryAfterMs,
        upstreamRequestId: upstreamRequestId ?? failure.upstreamRequestId,
        error: failure.message,
      });
    },

    onDetachedEnd({ route, attempt, outcome }) {
      if (log.isDebugEnabled()) log.debug('upstream exchange ended after its caller stopped waiting', { route, attempt, outcome });
    },

    onOutcome({ ok, route, attempts, code, error }) {
      // A deliberate BffError from the data source is the data source's to log.
      if (ok || error instanceof BffError) return;
      if (error instanceof UpstreamFailure) {
        const { failureClass, status } = error;
        if (failureClass === 'auth' || failureClass === 'forbidden') {
          log.error(`${displayName} refused our credentials: check its API key and permissions`, { route, status, failureClass });
        } else {
          log.info('upstream call gave up', { route, attempts, failureClass, code });
        }
      } else if (error instanceof LocalRejection) {
        const { kind, retryAfterMs, message } = error;
        log.log(kind === 'cost_too_large' ? 'error' : 'warn', 'upstream call refused locally', { route, kind, retryAfterMs, reason: message });
      } else {
        log.error('upstream call failed unexpectedly', { route, error: describeError(error) });
      }
    },

    onCircuitChange({ from, to, openForMs }) {
      if (to === 'OPEN') log.warn(`${displayName} circuit opened: failing fast`, { from, openForMs });
      else log.info(`${displayName} circuit ${to === 'CLOSED' ? 'closed' : 'half-open: probing'}`, { from });
    },
  };
}
