import type { BffError } from '../../errors';
import type { GeneratedContentModel } from './models';

/**
 * What a streamed generation reports, in order: `queued` while it waits for Claude's quota (again whenever its
 * position changes), `started` once Claude accepted it, `delta`s as the text arrives, and exactly one of
 * `completed` (the validated sequence, as `generateContent` returns it) or `failed` last. The stream transport
 * maps these onto the `GenerationEvent` union; the mutation consumes the same stream and keeps the result.
 */
export type GenerationEvent =
  | { kind: 'queued'; position: number; etaSeconds?: number }
  | { kind: 'started'; model: string }
  | { kind: 'delta'; snippet: number; text: string }
  | { kind: 'completed'; content: GeneratedContentModel }
  | { kind: 'failed'; error: BffError; completedSnippets: number[] };
