import type { AppError } from '../errors/app-error';
import type { Sequence } from '../leads/lead';

export const SNIPPET_COUNT = 7;

/**
 * What a transport reports while a sequence is written: the GenerationEvent union of the server's
 * `generateContentStream` subscription, plus nothing else. A transport that only has whole answers (the
 * `generateContent` mutation) reports `started` and then `completed` or `failed`.
 */
export type GenerationEvent =
  | { type: 'queued'; position: number; etaSeconds?: number }
  | { type: 'started'; model: string }
  /** `snippet` is 1–7; `text` is appended to what that snippet has so far. */
  | { type: 'delta'; snippet: number; text: string }
  | { type: 'completed'; sequence: Sequence }
  | { type: 'failed'; error: AppError };

export type GenerationPhase = 'waiting' | 'queued' | 'generating' | 'completed' | 'failed' | 'cancelled';

export interface GenerationState {
  /** `waiting`: in this app's own queue (at most 3 run at once); `queued`: in the server's queue. */
  phase: GenerationPhase;
  queuePosition?: number;
  etaSeconds?: number;
  model?: string;
  /** The text of each snippet so far, in order. */
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
    case 'failed':
      return { ...state, phase: 'failed', error: event.error };
  }
}
