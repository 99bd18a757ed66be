import { useQuery } from '@apollo/client/react';
import { useReportError } from '../services';
import { DuplicateEmailsQuery } from './operations';

/**
 * Before exporting: which approved leads Woodpecker already has in the campaign. Advice only; when the check
 * fails the export stays possible, since the server counts such leads instead of adding them twice.
 */
export function DuplicateCheck({ campaignId, emails }: { campaignId: string; emails: readonly string[] }) {
  const skip = campaignId === '' || emails.length === 0;
  const { data, error, loading, refetch } = useQuery(DuplicateEmailsQuery, {
    variables: { campaignId, emails: [...emails] },
    skip,
  });
  useReportError('duplicates', 'Checking which leads are already in the campaign', skip ? undefined : error, () => void refetch());

  if (skip) return null;
  if (error) {
    return (
      <p className="warning">
        Could not check which leads are already in this campaign. You can still export: leads that are already there are counted, not
        added twice.
      </p>
    );
  }
  if (loading || !data) return <p className="sub">Checking which leads are already in this campaign…</p>;
  if (data.duplicateEmails.length === 0) return <p className="sub">None of them is in this campaign yet.</p>;
  return (
    <p className="warning">
      Already in this campaign: {data.duplicateEmails.join(', ')}. {data.duplicateEmails.length === 1 ? 'It is' : 'They are'} counted as
      already there and not added twice.
    </p>
  );
}
