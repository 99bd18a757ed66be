import { displayName } from '../leads/lead';
import { FIELD_LABELS } from './column-mapping';
import { MAX_IMPORT_ROWS, type ImportPlan, type RowProblem } from './import-plan';

const PREVIEW_ROWS = 5;

function problemText(problem: RowProblem): string {
  switch (problem.kind) {
    case 'missing-email':
      return 'missing email address';
    case 'invalid-email':
      return `invalid email address “${problem.email}”`;
    case 'duplicate-in-file':
      return `duplicate of line ${problem.firstLine ?? '?'} (${problem.email}), which is imported instead`;
    case 'already-imported':
      return `duplicate: ${problem.email} is already in your leads`;
  }
}

function refusalText(plan: ImportPlan): string {
  switch (plan.refusal) {
    case 'empty':
      return `${plan.fileName} has no data rows.`;
    case 'no-email-column':
      return `No column of ${plan.fileName} looks like an email address (found: ${plan.headers.join(', ') || 'none'}). Name that column “Email”.`;
    case 'too-many-rows':
      return `${plan.fileName} has ${plan.rowCount.toLocaleString('en')} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} can be imported at once. Split it into smaller files.`;
    default:
      return '';
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What happened to every row of the file: imported, or why not; and which column fed which field. */
export function ImportReport({ plan, onUndo }: { plan: ImportPlan; onUndo?: (() => void) | undefined }) {
  if (plan.refusal) return <p className="warning">Nothing was imported. {refusalText(plan)}</p>;
  return (
    <div className="import-report">
      <div className="summary">
        <p>
          <strong>{plan.fileName}</strong>: {plural(plan.leads.length, 'lead')} imported
          {plan.problems.length > 0 && `, ${plural(plan.problems.length, 'row')} not imported`}.
        </p>
        {onUndo && (
          <button type="button" className="quiet" onClick={onUndo}>
            Undo import
          </button>
        )}
      </div>

      {plan.problems.length > 0 && (
        <div className="problems">
          <h3>Not imported: invalid or duplicate rows</h3>
          <ul>
            {plan.problems.map((problem) => (
              <li key={problem.line}>
                Line {problem.line}: {problemText(problem)}
              </li>
            ))}
          </ul>
        </div>
      )}

      <details>
        <summary>Columns and preview</summary>
        <table className="mapping">
          <caption>How the columns were read</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Lead field</th>
            </tr>
          </thead>
          <tbody>
            {plan.headers.map((header) => {
              const field = plan.mapping[header];
              return (
                <tr key={header}>
                  <td>{header}</td>
                  <td>{field ? FIELD_LABELS[field] : <span className="sub">not used</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {plan.leads.length > 0 && (
          <table className="preview">
            <caption>First {Math.min(PREVIEW_ROWS, plan.leads.length)} imported</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Company</th>
                <th scope="col">Title</th>
              </tr>
            </thead>
            <tbody>
              {plan.leads.slice(0, PREVIEW_ROWS).map((lead) => (
                <tr key={lead.email}>
                  <td>{displayName(lead)}</td>
                  <td>{lead.email}</td>
                  <td>{lead.company ?? ''}</td>
                  <td>{lead.title ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
