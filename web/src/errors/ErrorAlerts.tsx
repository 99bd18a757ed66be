import { friendlyMessage, hasCountdown } from './messages';
import type { ReportedError } from './error-center';
import { useServices, useStore } from '../services';
import { useSecondsLeft } from './useSecondsLeft';

function ErrorItem({ entry, onDismiss }: { entry: ReportedError; onDismiss: () => void }) {
  const { error, retry } = entry;
  const deadline = hasCountdown(error) ? entry.reportedAt + (error.retryAfterSeconds ?? 0) * 1000 : undefined;
  const secondsLeft = useSecondsLeft(deadline);
  const waiting = secondsLeft !== undefined && secondsLeft > 0;
  return (
    <li className="alert-item">
      <div className="alert-text">
        <strong>{entry.context}</strong>
        <p>{friendlyMessage(error, deadline === undefined ? error.retryAfterSeconds : secondsLeft)}</p>
        {error.requestId && <p className="reference">Reference: {error.requestId}</p>}
      </div>
      <div className="alert-actions">
        {retry && (
          <button type="button" onClick={retry} disabled={waiting}>
            {waiting ? `Retry in ${secondsLeft} s` : 'Retry'}
          </button>
        )}
        <button type="button" className="quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/**
 * Every current error in one `role="alert"` region, rendered only while there is something to say (screen
 * readers announce it as it appears). A retry that has to wait shows the countdown and is enabled at zero.
 */
export function ErrorAlerts() {
  const { errors: center } = useServices();
  const errors = useStore(center);
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="alerts">
      <ul>
        {errors.map((entry) => (
          <ErrorItem key={`${entry.source}:${entry.reportedAt}`} entry={entry} onDismiss={() => center.clear(entry.source)} />
        ))}
      </ul>
    </div>
  );
}
