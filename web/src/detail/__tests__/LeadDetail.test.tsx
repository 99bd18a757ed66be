import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Snippets } from '../../leads/lead';
import { eventStream, type FakeHandler } from '../../test/fake-bff';
import { ESTIMATE, testApp } from '../../test/render';
import { wholeGeneration } from '../../test/stream-events';
import { FIELD_LABELS, Workspace } from '../../test/workspace';

const GENERATED: Snippets = [
  'Quick idea for Analytical Engines',
  '<div>Hi Ada,</div><div><br></div><div>We help research teams ship.<br>Worth a chat?</div>',
  'Hi Ada, would love to connect.',
  '<div>Bumping this up.</div>',
  '<div>A new angle.</div>',
  '<div>Second bump.</div>',
  '<div>Last note from me.</div>',
];

/** What Claude wrote, as the deltas bring it (plain paragraphs), before the server made snippets of it. */
const RAW = ['Quick idea for Analytical Engines', 'Hi Ada,\n\nWe help research teams ship.\nWorth a chat?', 'Hi Ada, would love to connect.', 'Bumping this up.', 'A new angle.', 'Second bump.', 'Last note from me.'];

const answers: FakeHandler = (request) => {
  if (request.operationName === 'ContentModels') {
    return { data: { __typename: 'Query', contentModels: [{ __typename: 'ContentModel', id: 'claude-sonnet-4-6', isDefault: true }, { __typename: 'ContentModel', id: 'claude-haiku-4-5', isDefault: false }] } };
  }
  if (request.operationName === 'EstimateGeneration') return { data: { __typename: 'Query', estimateGeneration: ESTIMATE } };
  if (request.operationName === 'GenerateContentStream') return { stream: eventStream(wholeGeneration(RAW, GENERATED, 'claude-haiku-4-5')) };
  throw new Error(`unexpected ${request.operationName}`);
};

function setUp() {
  const app = testApp(answers);
  app.services.leads.importLeads([{ email: 'ada@analytical.example', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', title: 'CTO' }]);
  app.render(<Workspace />);
  const lead = () => app.services.leads.leads[0]!;
  return { app, lead };
}

async function generate() {
  const row = within(screen.getByRole('table', { name: 'Leads' })).getByRole('row', { name: /ada@analytical\.example/ });
  await userEvent.click(within(row).getByRole('button', { name: 'Generate' }));
  await waitFor(() => expect(screen.getByLabelText('Subject')).toHaveValue(GENERATED[0]));
}

describe('LeadDetail', () => {
  it('When Generate is pressed in a lead’s row with a prompt and model chosen, then the request carries them and the 7 labelled fields show the sequence as text', async () => {
    const { app, lead } = setUp();
    await userEvent.type(screen.getByLabelText('Prompt'), 'Mention the case study');
    await userEvent.selectOptions(await screen.findByLabelText('Model'), 'claude-haiku-4-5');
    await generate();

    const sent = app.bff.requests.find((r) => r.operationName === 'GenerateContentStream');
    expect(sent?.url).toBe('http://bff.test/graphql/stream');
    expect(sent?.variables).toEqual({
      input: { lead: { email: 'ada@analytical.example', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', title: 'CTO' }, prompt: 'Mention the case study', model: 'claude-haiku-4-5' },
    });
    for (const label of FIELD_LABELS) expect((screen.getByLabelText(label) as HTMLInputElement).value).not.toBe('');
    expect(screen.getByLabelText('Day 1 email')).toHaveValue('Hi Ada,\n\nWe help research teams ship.\nWorth a chat?');
    expect(lead().status).toBe('drafted');
    expect(within(screen.getByRole('table', { name: 'Leads' })).getByRole('button', { name: 'Regenerate' })).toBeInTheDocument();
  });

  it('When the Day 1 email and the subject are edited as text and approved, then the edited body is stored as <div> HTML and the rest exactly as generated', async () => {
    const { lead } = setUp();
    await generate();
    const body = screen.getByLabelText('Day 1 email');
    await userEvent.clear(body);
    await userEvent.type(body, 'Hi Ada,{Enter}{Enter}New <short> pitch & offer.');
    await userEvent.clear(screen.getByLabelText('Subject'));
    await userEvent.type(screen.getByLabelText('Subject'), 'A shorter path to product');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(lead().status).toBe('approved');
    expect(lead().sequence?.snippets).toEqual([
      'A shorter path to product',
      '<div>Hi Ada,</div><div><br></div><div>New &lt;short&gt; pitch &amp; offer.</div>',
      ...GENERATED.slice(2),
    ]);
    expect(lead().edits).toBeUndefined();
  });

  it('When the subject is too short or a body is empty, then Approve refuses, saying which fields to fix', async () => {
    const { lead } = setUp();
    await generate();
    await userEvent.clear(screen.getByLabelText('Subject'));
    await userEvent.type(screen.getByLabelText('Subject'), 'Hi');
    await userEvent.clear(screen.getByLabelText('Follow-up 2'));
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));

    expect(lead().status).toBe('drafted');
    expect(screen.getByLabelText('Subject')).toHaveAccessibleDescription(/The subject needs 10–100 characters \(it has 2\)/);
    expect(screen.getByLabelText('Follow-up 2')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Fix 2 fields marked above, then approve.')).toBeInTheDocument();
  });

  it('When an approved sequence is edited, then it needs approving again', async () => {
    const { lead } = setUp();
    await generate();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(lead().status).toBe('approved');
    await userEvent.type(screen.getByLabelText('Follow-up 1'), ' More.');
    expect(lead().status).toBe('drafted');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
  });
});
