import { useState } from 'react';
import { BFF_URL } from './config';
import { LeadDetail } from './detail/LeadDetail';
import { ErrorAlerts } from './errors/ErrorAlerts';
import { ExportPanel } from './export/ExportPanel';
import { ImportPanel } from './import/ImportPanel';
import { LeadsPanel } from './leads/LeadsPanel';
import { AccessTokenField } from './settings/AccessTokenField';

/**
 * The whole workflow on one page, so every step stays in view: import, leads and export on the left, the
 * open lead's sequence on the right.
 */
export function App() {
  const [openLeadId, setOpenLeadId] = useState<string>();
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Outreach</h1>
          <p className="sub">
            Import leads, write a 7-touch sequence for each, approve, export to Woodpecker. Server: {BFF_URL}
          </p>
        </div>
        <AccessTokenField />
      </header>
      <ErrorAlerts />
      <main className="columns">
        <div className="column">
          <ImportPanel />
          <LeadsPanel openLeadId={openLeadId} onOpen={setOpenLeadId} />
          <ExportPanel />
        </div>
        <div className="column">
          <LeadDetail leadId={openLeadId} />
        </div>
      </main>
    </div>
  );
}
