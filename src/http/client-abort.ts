import type { Response } from 'express';

/**
 * Aborts when the client goes away before the response is complete, so queued upstream calls are dropped
 * and their reservations released instead of spending quota on an answer nobody reads.
 */
export function clientAbortSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}
