import type { AppError } from '../errors/app-error';
import type { Sequence } from '../leads/lead';

export const SNIPPET_COUNT = 7;

/** What a transport reports while a sequence is written: the GenerationEvent union of `generateContentStream`. */
export type GenerationEvent =
  | { type: 'queued'; position: number; etaSeconds?: number }
  | { type: 'started'; model: string }
  /** `snippet` is 1–7; `text` is appended to what that snippet has so far. */
  | { type: 'delta'; snippet: number; text: string }
  | { type: 'completed'; sequence: Sequence }
  /** `completedSnippets` (1–7): the touches the server had finished streaming; their text stays on view. */
  | { type: 'failed'; error: AppError; completedSnippets?: readonly number[] };

export type GenerationPhase = 'waiting' | 'queued' | 'generating' | 'completed' | 'failed' | 'cancelled';

export interface GenerationState {
  /** `waiting`: in this app's own queue (at most 3 run at once); `queued`: in the server's queue. */
  phase: GenerationPhase;
  queuePosition?: number;
  etaSeconds?: number;
  model?: string;
  /** The text of each snippet so far, in order (after a failure, only the touches that were finished). */
  snippets: readonly string[];
  /** The finished sequence, once `completed`. */
  sequence?: Sequence;
  error?: AppError;
}

export const WAITING: GenerationState = { phase: 'waiting', snippets: Array<string>(SNIPPET_COUNT).fill('') };

export function isActive(state: GenerationState | undefined): boolean {
  return state !== undefined && (state.phase === 'waiting' || state.phase === 'queued' || state.phase === 'generating');
}

export function applyEvent(state: GenerationState, event: GenerationEvent): GenerationState {
  switch (event.type) {
    case 'queued':
      return { ...state, phase: 'queued', queuePosition: event.position, ...(event.etaSeconds !== undefined && { etaSeconds: event.etaSeconds }) };
    case 'started': {
      const { queuePosition: _position, etaSeconds: _eta, ...rest } = state;
      return { ...rest, phase: 'generating', model: event.model };
    }
    case 'delta': {
      const index = event.snippet - 1;
      if (index < 0 || index >= SNIPPET_COUNT) return state;
      const snippets = state.snippets.map((text, i) => (i === index ? text + event.text : text));
      return { ...state, phase: 'generating', snippets };
    }
    case 'completed':
      return { phase: 'completed', model: event.sequence.model, snippets: event.sequence.snippets, sequence: event.sequence };
    case 'failed': {
      // A touch cut off mid-sentence is no draft: only the ones the server finished are kept.
      const finished = new Set(event.completedSnippets ?? []);
      const snippets = state.snippets.map((text, i) => (finished.has(i + 1) ? text : ''));
      return { ...state, phase: 'failed', error: event.error, snippets };
    }
  }
}
