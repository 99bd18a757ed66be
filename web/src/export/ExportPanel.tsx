import { useMutation, useQuery } from '@apollo/client/react';
import { NetworkStatus } from '@apollo/client';
import { useId, useMemo, useState } from 'react';
import { toAppError } from '../errors/app-error';
import { emailKey } from '../leads/email';
import { toProspectInput } from '../leads/lead';
import { useReportError, useServices, useStore } from '../services';
import { DuplicateCheck } from './DuplicateCheck';
import { exportSummary, failureReason, type ExportResult } from './export-outcome';
import { AddProspectsMutation, CampaignsQuery } from './operations';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; count: number; campaignName: string }
  | { kind: 'done'; result: ExportResult; campaignName: string }
  | { kind: 'failed'; campaignName: string };

interface ExportAttempt {
  /** Sent as the export's idempotency key: a retry of the same attempt cannot add anyone twice. */
  key: string;
  campaignId: string;
  campaignName: string;
  leadIds: string[];
}

function ExportStatus({ state }: { state: ExportState }) {
  return (
    <div role="status" className="export-status">
      {state.kind === 'running' && <p>Exporting {state.count} {state.count === 1 ? 'lead' : 'leads'} to {state.campaignName}…</p>}
      {state.kind === 'failed' && <p>The export to {state.campaignName} did not complete; the message is at the top of the page.</p>}
      {state.kind === 'done' && (
        <>
          <p>
            <strong>{exportSummary(state.result)}</strong> <span className="sub">({state.campaignName})</span>
          </p>
          {state.result.errors.length > 0 && (
            <ul className="failures">
              {state.result.errors.map((failure) => (
                <li key={failure.email}>
                  {failure.email}: {failureReason(failure)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** Approved leads, with their sequences, into an existing Woodpecker campaign. */
export function ExportPanel() {
  const { leads: store, errors } = useServices();
  const { leads } = useStore(store);
  const selectId = useId();
  const [campaignId, setCampaignId] = useState('');
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  const campaigns = useQuery(CampaignsQuery, { notifyOnNetworkStatusChange: true });
  const refresh = () => void campaigns.refetch({ forceRefresh: true });
  useReportError('campaigns', 'Loading campaigns from Woodpecker', campaigns.error, refresh);
  const list = campaigns.data?.campaigns ?? [];
  const campaign = list.find((c) => c.id === campaignId);
  const refreshing = campaigns.networkStatus === NetworkStatus.refetch || campaigns.networkStatus === NetworkStatus.loading;

  const approved = leads.filter((lead) => lead.status === 'approved');
  const approvedEmails = approved.map((lead) => lead.email);
  const emailsKey = approvedEmails.join('\n');
  const emails = useMemo(() => (emailsKey === '' ? [] : emailsKey.split('\n')), [emailsKey]);

  const [addProspects] = useMutation(AddProspectsMutation);

  async function run(attempt: ExportAttempt) {
    const exporting = attempt.leadIds.flatMap((id) => store.find(id) ?? []);
    if (exporting.length === 0) return;
    errors.clear('export');
    setState({ kind: 'running', count: exporting.length, campaignName: attempt.campaignName });
    try {
      const { data } = await addProspects({
        variables: { input: { campaignId: attempt.campaignId, prospects: exporting.map(toProspectInput), idempotencyKey: attempt.key } },
      });
      if (!data) throw new Error('The export returned no result');
      const result = data.addProspectsToCampaign;
      const failures = new Map(result.errors.map((failure) => [emailKey(failure.email), failureReason(failure)]));
      const at = new Date().toISOString();
      for (const lead of exporting) {
        const failure = failures.get(emailKey(lead.email));
        store.exported(lead.id, { campaignId: attempt.campaignId, campaignName: attempt.campaignName, at, ...(failure && { failure }) });
      }
      setState({ kind: 'done', result, campaignName: attempt.campaignName });
    } catch (error) {
      setState({ kind: 'failed', campaignName: attempt.campaignName });
      const count = `${exporting.length} ${exporting.length === 1 ? 'lead' : 'leads'}`;
      errors.report('export', `Exporting ${count} to ${attempt.campaignName}`, toAppError(error), () => void run(attempt));
    }
  }

  const canExport = campaign !== undefined && approved.length > 0 && state.kind !== 'running';

  return (
    <section className="panel" aria-labelledby="export-heading">
      <header className="panel-header">
        <h2 id="export-heading">Export to Woodpecker</h2>
      </header>
      <div className="field">
        <label htmlFor={selectId}>Campaign</label>
        <div className="inline">
          <select id={selectId} value={campaign ? campaignId : ''} onChange={(e) => setCampaignId(e.target.value)}>
            <option value="">{campaigns.loading && list.length === 0 ? 'Loading campaigns…' : 'Choose a campaign'}</option>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" className="quiet" onClick={refresh} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh list'}
          </button>
        </div>
        {campaign && (
          <p className="sub">
            {campaign.status.charAt(0) + campaign.status.slice(1).toLowerCase()}
            {campaign.createdAt && ` · created ${new Date(campaign.createdAt).toLocaleDateString()}`}
          </p>
        )}
        {!campaigns.loading && !campaigns.error && list.length === 0 && <p className="sub">Woodpecker has no campaigns yet.</p>}
      </div>

      <p>
        {approved.length === 0
          ? 'No approved leads yet: approve a sequence to export it.'
          : `${approved.length} approved ${approved.length === 1 ? 'lead' : 'leads'} ready: ${approvedEmails.join(', ')}`}
      </p>
      {campaign && <DuplicateCheck campaignId={campaign.id} emails={emails} />}

      <button
        type="button"
        className="primary"
        disabled={!canExport}
        onClick={() =>
          campaign &&
          void run({ key: `export-${crypto.randomUUID()}`, campaignId: campaign.id, campaignName: campaign.name, leadIds: approved.map((l) => l.id) })
        }
      >
        Export to campaign
      </button>
      <ExportStatus state={state} />
    </section>
  );
}
