import { useId, useState, type ChangeEvent } from 'react';
import { useServices } from '../services';
import { autoMap } from './column-mapping';
import { readCsvFile } from './csv-file';
import { MAX_IMPORT_ROWS, planImport, type ImportPlan } from './import-plan';
import { ImportReport } from './ImportReport';

interface LastImport {
  plan: ImportPlan;
  leadIds: string[];
}

/**
 * Picking a file imports it: every row is checked first, the valid ones become leads, and the report lists
 * each row that was not imported and why. "Undo import" takes the whole file back out.
 */
export function ImportPanel() {
  const { leads } = useServices();
  const inputId = useId();
  const [last, setLast] = useState<LastImport>();
  const [unreadable, setUnreadable] = useState<string>();

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setUnreadable(undefined);
    try {
      const { headers, rows } = await readCsvFile(file);
      const plan = planImport(file.name, headers, rows, autoMap(headers), leads.emails());
      const leadIds = plan.refusal ? [] : leads.importLeads(plan.leads);
      setLast({ plan, leadIds });
    } catch {
      setLast(undefined);
      setUnreadable(`${file.name} could not be read as a CSV file.`);
    } finally {
      input.value = ''; // the same file can be picked again after an undo
    }
  }

  return (
    <section className="panel" aria-labelledby="import-heading">
      <header className="panel-header">
        <h2 id="import-heading">Import</h2>
      </header>
      <p className="hint">
        A CSV file with a header row, up to {MAX_IMPORT_ROWS.toLocaleString('en')} rows. Columns such as Email, First Name, Company,
        Job Title and LinkedIn are recognised automatically.
      </p>
      <div className="file-field">
        <label htmlFor={inputId}>Import CSV</label>
        <input id={inputId} type="file" accept=".csv,text/csv" onChange={(event) => void importFile(event)} />
      </div>
      {unreadable && <p className="warning">{unreadable}</p>}
      {last && (
        <ImportReport
          plan={last.plan}
          onUndo={
            last.leadIds.length > 0
              ? () => {
                  leads.remove(last.leadIds);
                  setLast(undefined);
                }
              : undefined
          }
        />
      )}
    </section>
  );
}
