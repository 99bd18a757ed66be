import { isAppErrorCode } from '../errors/app-error';
import { friendlyMessage } from '../errors/messages';
import type { AddProspectsToCampaignMutation } from '../gql/graphql';

export type ExportResult = AddProspectsToCampaignMutation['addProspectsToCampaign'];
export type ProspectFailure = ExportResult['errors'][number];

/** "1 added, 0 already in the campaign, 0 failed" */
export function exportSummary(result: Pick<ExportResult, 'succeeded' | 'duplicates' | 'failed'>): string {
  return `${result.succeeded} added, ${result.duplicates} already in the campaign, ${result.failed} failed`;
}

const PROSPECT_REASONS: Record<string, string> = {
  INVALID_EMAIL: 'The email address is not valid.',
  INVALID_STATUS: 'Woodpecker has this person as blacklisted, bounced or otherwise inactive.',
  EMAIL_NOT_EXISTS: 'Woodpecker reports that this address does not exist.',
  DUPLICATE_IN_REQUEST: 'Listed twice in this export; only the first was sent.',
  REJECTED: 'Woodpecker did not accept this prospect.',
};

/**
 * Why one prospect was not added, in the app's words. A batch that could not be delivered carries an API
 * error code; that gets the same message the error banner would show.
 */
export function failureReason(failure: ProspectFailure): string {
  const known = PROSPECT_REASONS[failure.code];
  if (known) return known;
  return friendlyMessage({ code: isAppErrorCode(failure.code) ? failure.code : 'UNKNOWN', retryable: failure.retryable });
}
