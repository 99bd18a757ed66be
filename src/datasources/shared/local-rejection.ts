/**
 * Why the runtime refused a call without asking the upstream (or stopped asking it). The message is for
 * logs; `toBffError` turns the kind into the user-facing error.
 */
export type LocalRejectionKind =
  | 'queue_full' // the bounded queue has no room
  | 'wait_too_long' // the estimated or known wait exceeds the deadline or the queue's maximum wait
  | 'cost_too_large' // the call needs more than a whole budget window: it could never be admitted
  | 'paused' // the upstream told us to come back later than this call's deadline allows
  | 'circuit_open' // the upstream is considered down
  | 'shutting_down';

export class LocalRejection extends Error {
  constructor(
    readonly kind: LocalRejectionKind,
    /** When a new attempt has a chance, if known. */
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'LocalRejection';
  }
}
