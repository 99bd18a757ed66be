import type { ErrorCode } from '../../../errors';
import type { ProspectErrorCode } from '../../../generated/schema-enums';
import type { ProspectErrorModel } from '../models';

/**
 * Why one prospect was not added: the schema's ProspectErrorCode minus the ErrorCode values, which batch-level
 * failures use. Derived, so a reason added to the schema without a message here is a compile error.
 */
export type ProspectRejection = Exclude<ProspectErrorCode, ErrorCode>;

/** Our own words for the user; Woodpecker's `msg` text is never passed on. */
const MESSAGES: Readonly<Record<ProspectRejection, string>> = {
  INVALID_EMAIL: 'This email address is not valid.',
  DUPLICATE_IN_REQUEST: 'This email address appears more than once in this export; only its first occurrence was sent.',
  INVALID_STATUS:
    'This prospect is blacklisted, bounced or otherwise not active in Woodpecker; export with force to add it anyway.',
  EMAIL_NOT_EXISTS: 'Woodpecker reports that this email address does not exist.',
  REJECTED: 'Woodpecker did not accept this prospect.',
};

/** Each of these fails the same way on a re-send, so none is retryable. */
export function prospectError(email: string, code: ProspectRejection): ProspectErrorModel {
  return { email, code, message: MESSAGES[code], retryable: false };
}
