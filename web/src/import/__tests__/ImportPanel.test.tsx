import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeadsPanel } from '../../leads/LeadsPanel';
import { testApp } from '../../test/render';
import { ImportPanel } from '../ImportPanel';

const csvFile = (text: string, name = 'leads.csv') => new File([text], name, { type: 'text/csv' });

function renderImport() {
  const app = testApp();
  app.render(
    <>
      <ImportPanel />
      <LeadsPanel openLeadId={undefined} onOpen={() => {}} />
    </>,
  );
  return app;
}

describe('ImportPanel', () => {
  it('When a CSV with 2 valid rows and 1 invalid row is picked under “Import CSV”, then 2 leads are listed and the invalid row is reported', async () => {
    const app = renderImport();
    const csv = '\uFEFFE-mail,First Name,Last Name,Company,Job Title\nada@analytical.example,Ada,Lovelace,Analytical,CTO\nnope@,Bad,Row,X,Y\ngrace@cobol.example,Grace,Hopper,Cobol,VP\n';
    await userEvent.upload(screen.getByLabelText('Import CSV'), csvFile(csv));

    const table = await screen.findByRole('table', { name: 'Leads' });
    expect(within(table).getByRole('row', { name: /ada@analytical\.example/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /grace@cobol\.example/ })).toBeInTheDocument();
    expect(within(table).queryByText('nope@')).toBeNull();
    expect(screen.getByText(/2 leads imported, 1 row not imported/)).toBeInTheDocument();
    expect(screen.getByText('Line 3: invalid email address “nope@”')).toBeInTheDocument();
    expect(app.services.leads.leads.map((lead) => [lead.email, lead.firstName, lead.company, lead.title, lead.status])).toEqual([
      ['ada@analytical.example', 'Ada', 'Analytical', 'CTO', 'imported'],
      ['grace@cobol.example', 'Grace', 'Cobol', 'VP', 'imported'],
    ]);
  });

  it('When the same file is imported again, then nothing is added and every row is reported as already in the leads', async () => {
    const app = renderImport();
    const csv = 'Email,Name\nada@analytical.example,Ada Lovelace\n';
    await userEvent.upload(screen.getByLabelText('Import CSV'), csvFile(csv));
    await screen.findByText(/1 lead imported/);
    await userEvent.upload(screen.getByLabelText('Import CSV'), csvFile(csv));
    expect(await screen.findByText('Line 2: duplicate: ada@analytical.example is already in your leads')).toBeInTheDocument();
    expect(app.services.leads.leads).toHaveLength(1);
  });

  it('When “Undo import” is pressed, then the leads of that file are removed again', async () => {
    const app = renderImport();
    await userEvent.upload(screen.getByLabelText('Import CSV'), csvFile('Email\na@x.example\nb@x.example\n'));
    await userEvent.click(await screen.findByRole('button', { name: 'Undo import' }));
    expect(app.services.leads.leads).toHaveLength(0);
  });

  it('When the file has no email column, then nothing is imported and the message says which columns it found', async () => {
    const app = renderImport();
    await userEvent.upload(screen.getByLabelText('Import CSV'), csvFile('Name,Company\nAda,Analytical\n', 'people.csv'));
    expect(await screen.findByText(/Nothing was imported\. No column of people\.csv looks like an email address \(found: Name, Company\)/)).toBeInTheDocument();
    expect(app.services.leads.leads).toHaveLength(0);
  });
});
