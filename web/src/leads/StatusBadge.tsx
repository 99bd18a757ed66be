import type { GenerationState } from '../generation/generation-events';
import type { LeadStatus } from './lead';

const LABELS: Record<LeadStatus, string> = {
  imported: 'Imported',
  generating: 'Generating',
  drafted: 'Drafted',
  approved: 'Approved',
  exported: 'Exported',
  failed: 'Failed',
};

/** While a generation waits, "Generating" says which queue it is in. */
function label(status: LeadStatus, generation: GenerationState | undefined): string {
  if (status !== 'generating' || !generation) return LABELS[status];
  if (generation.phase === 'waiting') return 'Waiting';
  if (generation.phase === 'queued') return `Queued #${generation.queuePosition ?? '?'}`;
  return LABELS.generating;
}

export function StatusBadge({ status, generation }: { status: LeadStatus; generation?: GenerationState | undefined }) {
  return <span className={`badge badge-${status}`}>{label(status, generation)}</span>;
}

export function statusLabel(status: LeadStatus): string {
  return LABELS[status];
}
