import { useId, useMemo, useState } from 'react';
import { useServices, useStore } from '../services';
import { LEAD_STATUSES } from './lead';
import { filterLeads, type LeadFilter } from './lead-filter';
import { LeadRow } from './LeadRow';
import { statusLabel } from './StatusBadge';
import { MAX_CONCURRENT_GENERATIONS } from '../generation/generation-queue';

interface LeadsPanelProps {
  openLeadId: string | undefined;
  onOpen: (leadId: string) => void;
}

export function LeadsPanel({ openLeadId, onOpen }: LeadsPanelProps) {
  const { leads: store, generation } = useServices();
  const { leads, unsaved } = useStore(store);
  const generations = useStore(generation.queue);
  const [filter, setFilter] = useState<LeadFilter>({ search: '', status: 'all' });
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const searchId = useId();
  const statusId = useId();

  const visible = useMemo(() => filterLeads(leads, filter), [leads, filter]);
  // Removed or filtered-out leads stay selected only while they are shown.
  const selected = visible.filter((lead) => selection.has(lead.id)).map((lead) => lead.id);
  const allShownSelected = visible.length > 0 && selected.length === visible.length;

  const select = (ids: readonly string[], on: boolean) =>
    setSelection((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <section className="panel" aria-labelledby="leads-heading">
      <header className="panel-header">
        <h2 id="leads-heading">Leads</h2>
        <span className="count">{leads.length}</span>
      </header>
      {unsaved && (
        <p className="warning">The browser’s storage is full, so the latest changes are not saved. Export or remove leads to make room.</p>
      )}
      <div className="toolbar">
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            placeholder="Name, email, company or title"
            value={filter.search}
            onChange={(e) => setFilter({ ...filter, search: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select id={statusId} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as LeadFilter['status'] })}>
            <option value="all">All</option>
            {LEAD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {leads.length === 0 ? (
        <p className="empty">No leads yet. Import a CSV file to start.</p>
      ) : (
        <div className="table-wrap">
          <table className="leads-table" aria-labelledby="leads-heading">
            <thead>
              <tr>
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label="Select all shown leads"
                    checked={allShownSelected}
                    onChange={(e) => select(visible.map((lead) => lead.id), e.target.checked)}
                  />
                </th>
                <th scope="col">Lead</th>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visible.map((lead) => (
                <LeadRow
                  key={lead.id}
                  lead={lead}
                  generation={generations.get(lead.id)}
                  open={lead.id === openLeadId}
                  selected={selection.has(lead.id)}
                  onSelect={(on) => select([lead.id], on)}
                  onOpen={() => onOpen(lead.id)}
                  onGenerate={() => {
                    onOpen(lead.id);
                    generation.generate([lead.id]);
                  }}
                />
              ))}
            </tbody>
          </table>
          {visible.length === 0 && <p className="empty">No leads match the search and status.</p>}
        </div>
      )}

      {leads.length > 0 && (
        <div className="bulk-bar">
          <span>
            {selected.length} selected · at most {MAX_CONCURRENT_GENERATIONS} are written at a time
          </span>
          <button type="button" disabled={selected.length === 0} onClick={() => generation.generate(selected)}>
            Generate selected
          </button>
          <button
            type="button"
            className="quiet"
            disabled={selected.length === 0}
            onClick={() => {
              for (const id of selected) generation.cancel(id);
              store.remove(selected);
            }}
          >
            Remove selected
          </button>
        </div>
      )}
    </section>
  );
}
