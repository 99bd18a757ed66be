import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { LeadDetail } from '../detail/LeadDetail';
import { ErrorAlerts } from '../errors/ErrorAlerts';
import { LeadsPanel } from '../leads/LeadsPanel';

/** The part of the page a generation runs in: the alert region, the leads table and the open lead. */
export function Workspace() {
  const [open, setOpen] = useState<string>();
  return (
    <>
      <ErrorAlerts />
      <LeadsPanel openLeadId={open} onOpen={setOpen} />
      <LeadDetail leadId={open} />
    </>
  );
}

export const FIELD_LABELS = ['Subject', 'Day 1 email', 'LinkedIn message', 'Follow-up 1', 'Follow-up 2', 'Follow-up 3', 'Follow-up 4'];

export const ADA = { email: 'ada@analytical.example', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', title: 'CTO' };

export function leadRow(email: string): HTMLElement {
  return within(screen.getByRole('table', { name: 'Leads' })).getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
}

/** Presses the row's Generate (or Regenerate) button. */
export async function pressGenerate(email: string, name: 'Generate' | 'Regenerate' = 'Generate'): Promise<void> {
  await userEvent.click(within(leadRow(email)).getByRole('button', { name }));
}

export const fieldValue = (label: string) => (screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement).value;
