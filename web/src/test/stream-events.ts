import type { Snippets } from '../leads/lead';

/** `generateContentStream` results as the server sends them, one GenerationEvent each. */
const event = (payload: Record<string, unknown>) => ({ data: { generateContentStream: payload } });

export const queued = (position: number, etaSeconds: number | null = null) => event({ __typename: 'GenerationQueued', position, etaSeconds });
export const started = (model = 'claude-sonnet-4-6') => event({ __typename: 'GenerationStarted', model });
export const delta = (snippet: number, text: string) => event({ __typename: 'SnippetDelta', snippet, text });

export function completed(snippets: Snippets, model = 'claude-sonnet-4-6') {
  const [snippet1, snippet2, snippet3, snippet4, snippet5, snippet6, snippet7] = snippets;
  return event({
    __typename: 'GenerationCompleted',
    content: { __typename: 'GeneratedContent', snippet1, snippet2, snippet3, snippet4, snippet5, snippet6, snippet7, model, generatedAt: '2026-11-26T10:00:00.000Z' },
  });
}

export function failed(code: string, completedSnippets: number[], retryAfterSeconds: number | null = null) {
  return event({
    __typename: 'GenerationFailed',
    code,
    message: 'Server-side text the app must not show',
    retryable: retryAfterSeconds !== null,
    retryAfterSeconds,
    completedSnippets,
  });
}

/** The whole stream of a generation that succeeds: each touch's raw text as deltas, then the validated content. */
export function wholeGeneration(raw: readonly string[], validated: Snippets, model?: string) {
  return [started(model), ...raw.map((text, i) => delta(i + 1, text)), completed(validated, model)];
}
