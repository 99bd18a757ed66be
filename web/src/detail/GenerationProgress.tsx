import { SNIPPET_COUNT, type GenerationState } from '../generation/generation-events';
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
    case 'failed': {
      const finished = keptSnippets(state);
      if (finished === 0) return 'The last generation failed; the message is at the top of the page.';
      return `The generation failed after finishing ${finished} of ${SNIPPET_COUNT} touches, shown below as written; the message is at the top of the page. Generate again for the whole sequence.`;
    }
    case 'cancelled':
      return 'Generation cancelled.';
    default:
      if (!lead.sequence) return 'No sequence yet. Press Generate in the lead’s row.';
      return `Generated with ${lead.sequence.model} on ${new Date(lead.sequence.generatedAt).toLocaleString()}.`;
  }
}

/** The touches a failed generation had finished (their text is kept on view). */
export function keptSnippets(state: GenerationState | undefined): number {
  return state?.phase === 'failed' ? state.snippets.filter((text) => text !== '').length : 0;
}

interface GenerationProgressProps {
  state: GenerationState | undefined;
  lead: Lead;
  onCancel: () => void;
  /** Puts the stored sequence back in the fields, instead of what a failed generation finished. */
  onShowSaved: () => void;
}

/**
 * Where the generation is (waiting, queued, writing), with Cancel while it can still be stopped; after a failure
 * that finished some touches, the way back to the saved draft.
 */
export function GenerationProgress({ state, lead, onCancel, onShowSaved }: GenerationProgressProps) {
  const cancellable = state?.phase === 'waiting' || state?.phase === 'queued' || state?.phase === 'generating';
  return (
    <div className="progress">
      <p aria-live="polite">{describe(state, lead)}</p>
      {cancellable && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      {keptSnippets(state) > 0 && lead.sequence && (
        <button type="button" className="quiet" onClick={onShowSaved}>
          Show the saved draft
        </button>
      )}
    </div>
  );
}
