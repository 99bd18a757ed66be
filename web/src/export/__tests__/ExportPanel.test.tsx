import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorAlerts } from '../../errors/ErrorAlerts';
import type { Sequence } from '../../leads/lead';
import { bffError, type FakeAnswer, type FakeRequest } from '../../test/fake-bff';
import { testApp } from '../../test/render';
import { ExportPanel } from '../ExportPanel';

const SEQUENCE: Sequence = { snippets: ['Quick idea for you', '<div>a</div>', 'li', '<div>b</div>', '<div>c</div>', '<div>d</div>', '<div>e</div>'], model: 'm', generatedAt: '2026-11-26T10:00:00Z' };
const CAMPAIGNS = [
  { __typename: 'Campaign', id: '11', name: 'Q4 founders', status: 'RUNNING', createdAt: '2026-10-01T00:00:00Z' },
  { __typename: 'Campaign', id: '12', name: 'EU pilots', status: 'PAUSED', createdAt: null },
];

interface Answers {
  duplicates?: (request: FakeRequest) => FakeAnswer;
  exports?: (request: FakeRequest) => FakeAnswer;
}

function setUp(answers: Answers) {
  const app = testApp((request) => {
    if (request.operationName === 'Campaigns') return { data: { __typename: 'Query', campaigns: CAMPAIGNS } };
    if (request.operationName === 'DuplicateEmails' && answers.duplicates) return answers.duplicates(request);
    if (request.operationName === 'AddProspectsToCampaign' && answers.exports) return answers.exports(request);
    throw new Error(`unexpected ${request.operationName}`);
  });
  const ids = app.services.leads.importLeads([{ email: 'ada@x.example', firstName: 'Ada' }, { email: 'bob@x.example' }, { email: 'cy@x.example' }]);
  for (const id of ids.slice(0, 2)) {
    app.services.leads.generationStarted(id);
    app.services.leads.generationSucceeded(id, SEQUENCE);
    app.services.leads.approve(id, SEQUENCE.snippets);
  }
  app.render(
    <>
      <ErrorAlerts />
      <ExportPanel />
    </>,
  );
  return { app, ids };
}

const exportResult = (fields: object) => ({ data: { __typename: 'Mutation', addProspectsToCampaign: { __typename: 'ExportResult', errors: [], ...fields } } });

describe('ExportPanel', () => {
  afterEach(() => vi.useRealTimers());

  it('When campaigns load, then the “Campaign” select lists them by name', async () => {
    setUp({});
    const select = screen.getByLabelText('Campaign');
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a campaign', 'Q4 founders', 'EU pilots']));
  });

  it('When a campaign is picked, then the approved leads already in it are named before exporting', async () => {
    setUp({ duplicates: (r) => ({ data: { __typename: 'Query', duplicateEmails: (r.variables.emails as string[]).slice(1) } }) });
    await userEvent.selectOptions(await screen.findByLabelText('Campaign'), 'Q4 founders');
    expect(await screen.findByText(/Already in this campaign: bob@x\.example\. It is counted as already there/)).toBeInTheDocument();
  });

  it('When the duplicate check fails, then a warning says so and the export is still possible', async () => {
    setUp({ duplicates: () => ({ data: null, errors: [bffError('UPSTREAM_UNAVAILABLE', { retryable: true })] }) });
    await userEvent.selectOptions(await screen.findByLabelText('Campaign'), 'Q4 founders');
    expect(await screen.findByText(/Could not check which leads are already in this campaign\. You can still export/)).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('Checking which leads are already in the campaign');
    expect(screen.getByRole('button', { name: 'Export to campaign' })).toBeEnabled();
  });

  it('When approved leads are exported, then the status counts added, already-there and failed with each failure’s reason, and the leads are updated', async () => {
    const { app, ids } = setUp({
      duplicates: () => ({ data: { __typename: 'Query', duplicateEmails: [] } }),
      exports: () =>
        exportResult({
          total: 2,
          succeeded: 1,
          duplicates: 0,
          failed: 1,
          errors: [{ __typename: 'ProspectError', email: 'bob@x.example', code: 'INVALID_STATUS', message: 'server text', retryable: false }],
        }),
    });
    await userEvent.selectOptions(await screen.findByLabelText('Campaign'), 'Q4 founders');
    await userEvent.click(screen.getByRole('button', { name: 'Export to campaign' }));

    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('1 added, 0 already in the campaign, 1 failed'));
    expect(status).toHaveTextContent('bob@x.example: Woodpecker has this person as blacklisted, bounced or otherwise inactive.');
    expect(status).not.toHaveTextContent('server text');

    const sent = app.bff.requests.find((r) => r.operationName === 'AddProspectsToCampaign')!.variables.input as { campaignId: string; prospects: { email: string; snippet1?: string }[] };
    expect(sent.campaignId).toBe('11');
    expect(sent.prospects.map((p) => [p.email, p.snippet1])).toEqual([
      ['ada@x.example', 'Quick idea for you'],
      ['bob@x.example', 'Quick idea for you'],
    ]);
    const [ada, bob, cy] = ids.map((id) => app.services.leads.find(id)!);
    expect(ada).toMatchObject({ status: 'exported', lastExport: { campaignId: '11', campaignName: 'Q4 founders' } });
    expect(bob).toMatchObject({ status: 'approved', lastExport: { failure: 'Woodpecker has this person as blacklisted, bounced or otherwise inactive.' } });
    expect(cy?.status).toBe('imported');
  });

  it('When an export is rate-limited, then the alert counts down and its retry resends the same export with the same idempotency key', async () => {
    // Only the countdown's clock is faked; promises and the testing library's own timers run as usual.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    let attempt = 0;
    const { app } = setUp({
      duplicates: () => ({ data: { __typename: 'Query', duplicateEmails: [] } }),
      exports: () =>
        ++attempt === 1
          ? { data: null, errors: [bffError('UPSTREAM_BUSY', { retryable: true, retryAfterSeconds: 1 })] }
          : exportResult({ total: 2, succeeded: 2, duplicates: 0, failed: 0 }),
    });
    await userEvent.selectOptions(await screen.findByLabelText('Campaign'), 'Q4 founders');
    await userEvent.click(screen.getByRole('button', { name: 'Export to campaign' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Exporting 2 leads to Q4 founders');
    expect(alert).toHaveTextContent('try again in 1 second');
    expect(within(alert).getByRole('button', { name: 'Retry in 1 s' })).toBeDisabled();

    act(() => vi.advanceTimersByTime(1000));
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 added, 0 already in the campaign, 0 failed'));
    const keys = app.bff.requests.filter((r) => r.operationName === 'AddProspectsToCampaign').map((r) => (r.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^export-[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
