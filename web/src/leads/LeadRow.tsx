import { isActive, type GenerationState } from '../generation/generation-events';
import { displayName, type Lead } from './lead';
import { StatusBadge } from './StatusBadge';

interface LeadRowProps {
  lead: Lead;
  generation: GenerationState | undefined;
  open: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onOpen: () => void;
  onGenerate: () => void;
}

export function LeadRow({ lead, generation, open, selected, onSelect, onOpen, onGenerate }: LeadRowProps) {
  const busy = isActive(generation);
  return (
    <tr className={open ? 'is-open' : undefined} aria-current={open ? 'true' : undefined}>
      <td className="select-cell">
        <input type="checkbox" aria-label={`Select ${lead.email}`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
      </td>
      <td>
        <button type="button" className="link" onClick={onOpen}>
          {displayName(lead)}
        </button>
        <div className="sub">{lead.email}</div>
      </td>
      <td>
        {lead.company ?? '—'}
        {lead.title && <div className="sub">{lead.title}</div>}
      </td>
      <td>
        <StatusBadge status={lead.status} generation={generation} />
        {lead.lastExport?.failure && <div className="sub warning-text">Not exported</div>}
      </td>
      <td className="actions">
        <button type="button" onClick={onGenerate} disabled={busy}>
          {busy ? 'Generating…' : lead.sequence ? 'Regenerate' : 'Generate'}
        </button>
      </td>
    </tr>
  );
}
