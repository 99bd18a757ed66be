import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportPanel } from '../../export/ExportPanel';
import type { ErrorCode } from '../../gql/enums';
import { bffError } from '../../test/fake-bff';
import { testApp } from '../../test/render';
import { ErrorAlerts } from '../ErrorAlerts';

/** A phrase of each code's message: what the user reads, whatever the server wrote. */
const CLOSED_SET: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'was not accepted',
  UNAUTHENTICATED: 'needs a valid access token',
  FORBIDDEN: 'does not allow this action',
  NOT_FOUND: 'no longer knows this campaign',
  RATE_LIMITED: 'try again',
  UPSTREAM_BUSY: 'busy with other requests',
  UPSTREAM_RATE_LIMITED: 'limiting how fast',
  UPSTREAM_UNAVAILABLE: 'not available at the moment',
  UPSTREAM_TIMEOUT: 'took too long to answer',
  QUOTA_EXHAUSTED: 'spending limit',
  CONTENT_INVALID: '7-step sequence',
  INTERNAL_SERVER_ERROR: 'went wrong on the server',
};
const RAW_SERVER_TEXT = 'Woodpecker said E_SESSION for key sim-woodpecker-key at api.woodpecker.co';

describe('Error display', () => {
  it.each(Object.entries(CLOSED_SET))(
    'When loading campaigns fails with %s, then the alert shows the app’s message (“%s”), what failed and the reference, never the server’s text',
    async (code, phrase) => {
      const app = testApp((request) => {
        if (request.operationName === 'Campaigns') return { data: null, errors: [bffError(code, { requestId: 'req-9' }, RAW_SERVER_TEXT)] };
        throw new Error(`unexpected ${request.operationName}`);
      });
      app.render(
        <>
          <ErrorAlerts />
          <ExportPanel />
        </>,
      );
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Loading campaigns from Woodpecker');
      expect(alert).toHaveTextContent(phrase);
      expect(alert).toHaveTextContent('Reference: req-9');
      expect(document.body.textContent).not.toContain('E_SESSION');
      expect(document.body.textContent).not.toContain('sim-woodpecker-key');
    },
  );
});

describe('ErrorAlerts', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('When there is no error, then there is no alert region at all', () => {
    testApp().render(<ErrorAlerts />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('When RATE_LIMITED says retry after 3 seconds, then the alert counts down to zero and only then enables Retry, which runs the action again', () => {
    const app = testApp();
    const retry = vi.fn();
    app.render(<ErrorAlerts />);
    act(() => app.services.errors.report('generate:1', 'Generating the sequence for Ada', { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 3 }, retry));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('You have sent too many requests in a short time. Please try again in 3 seconds.');
    expect(within(alert).getByRole('button', { name: 'Retry in 3 s' })).toBeDisabled();

    act(() => vi.advanceTimersByTime(1000));
    expect(alert).toHaveTextContent('Please try again in 2 seconds.');
    act(() => vi.advanceTimersByTime(1000));
    expect(alert).toHaveTextContent('Please try again in 1 second.');
    act(() => vi.advanceTimersByTime(1000));
    expect(alert).toHaveTextContent('You can try again now.');

    const button = within(alert).getByRole('button', { name: 'Retry' });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('When UPSTREAM_BUSY gives a retry time, then it counts down the same way', () => {
    const app = testApp();
    app.render(<ErrorAlerts />);
    act(() => app.services.errors.report('export', 'Exporting', { code: 'UPSTREAM_BUSY', retryable: true, retryAfterSeconds: 20 }, () => {}));
    expect(screen.getByRole('alert')).toHaveTextContent('busy with other requests right now. Please try again in 20 seconds.');
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByRole('alert')).toHaveTextContent('Please try again in 15 seconds.');
  });

  it('When an error cannot be helped by retrying, then there is no Retry button, and Dismiss removes the alert', () => {
    const app = testApp();
    app.render(<ErrorAlerts />);
    act(() => app.services.errors.report('generate:1', 'Generating', { code: 'QUOTA_EXHAUSTED', retryable: false }, () => {}));
    const alert = screen.getByRole('alert');
    expect(within(alert).queryByRole('button', { name: /Retry/ })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('When the same action fails again, then its alert is replaced rather than repeated; another action’s alert stays', () => {
    const app = testApp();
    app.render(<ErrorAlerts />);
    act(() => {
      app.services.errors.report('campaigns', 'Loading campaigns', { code: 'UPSTREAM_TIMEOUT', retryable: true });
      app.services.errors.report('export', 'Exporting', { code: 'NOT_FOUND', retryable: false });
      app.services.errors.report('campaigns', 'Loading campaigns', { code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    });
    const items = within(screen.getByRole('alert')).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('not available at the moment');
    expect(items[1]).toHaveTextContent('no longer knows this campaign');
  });
});
