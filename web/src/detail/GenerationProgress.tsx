import type { GenerationState } from '../generation/generation-events';
import { MAX_CONCURRENT_GENERATIONS } from '../generation/generation-queue';
import type { Lead } from '../leads/lead';

function describe(state: GenerationState | undefined, lead: Lead): string {
  switch (state?.phase) {
    case 'waiting':
      return `Waiting for a free slot: up to ${MAX_CONCURRENT_GENERATIONS} sequences are written at once.`;
    case 'queued': {
      const eta = state.etaSeconds === undefined ? '' : ` (about ${Math.ceil(state.etaSeconds)} s)`;
      return `Queued on the server: position ${state.queuePosition ?? '?'}${eta}.`;
    }
    case 'generating':
      return `Writing the sequence${state.model ? ` with ${state.model}` : ''}…`;
    case 'failed':
      return 'The last generation failed; the message is at the top of the page.';
    case 'cancelled':
      return 'Generation cancelled.';
    default:
      if (!lead.sequence) return 'No sequence yet. Press Generate in the lead’s row.';
      return `Generated with ${lead.sequence.model} on ${new Date(lead.sequence.generatedAt).toLocaleString()}.`;
  }
}

/** Where the generation is (waiting, queued, writing), with Cancel while it can still be stopped. */
export function GenerationProgress({ state, lead, onCancel }: { state: GenerationState | undefined; lead: Lead; onCancel: () => void }) {
  const cancellable = state?.phase === 'waiting' || state?.phase === 'queued' || state?.phase === 'generating';
  return (
    <div className="progress">
      <p aria-live="polite">{describe(state, lead)}</p>
      {cancellable && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
