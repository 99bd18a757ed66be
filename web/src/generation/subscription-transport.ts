import type { ApolloClient } from '@apollo/client';
import { isAppErrorCode, type AppError } from '../errors/app-error';
import type { GenerateContentStreamSubscription } from '../gql/graphql';
import type { GenerationEvent } from './generation-events';
import type { GenerationTransport } from './generation-queue';
import { GenerateContentStreamSubscription as GenerateContentStream } from './operations';

type StreamEvent = GenerateContentStreamSubscription['generateContentStream'];

/** A server event as the queue's event; the server's `message` is not even selected (the app writes its own). */
export function toGenerationEvent(event: StreamEvent): GenerationEvent {
  switch (event.__typename) {
    case 'GenerationQueued':
      return { type: 'queued', position: event.position, ...(event.etaSeconds !== null && { etaSeconds: event.etaSeconds }) };
    case 'GenerationStarted':
      return { type: 'started', model: event.model };
    case 'SnippetDelta':
      return { type: 'delta', snippet: event.snippet, text: event.text };
    case 'GenerationCompleted': {
      const { content } = event;
      const snippets = [content.snippet1, content.snippet2, content.snippet3, content.snippet4, content.snippet5, content.snippet6, content.snippet7] as const;
      return { type: 'completed', sequence: { snippets, model: content.model, generatedAt: content.generatedAt } };
    }
    case 'GenerationFailed': {
      const error: AppError = {
        code: isAppErrorCode(event.code) ? event.code : 'UNKNOWN',
        retryable: event.retryable,
        ...(event.retryAfterSeconds !== null && event.retryAfterSeconds > 0 && { retryAfterSeconds: event.retryAfterSeconds }),
      };
      return { type: 'failed', error, completedSnippets: event.completedSnippets };
    }
  }
}

/**
 * Generation over the `generateContentStream` subscription (graphql-sse): each event is passed on as it arrives,
 * so the fields fill while Claude writes. Nothing is cached (`no-cache`): every event is used once, here. Aborting
 * the signal unsubscribes, which closes the request, which is how the server learns to cancel. A refusal before
 * the stream starts (a per-client limit, bad input) arrives as an error result and rejects like any failure.
 */
export function subscriptionTransport(client: ApolloClient): GenerationTransport {
  return (input, emit, signal) =>
    new Promise<void>((resolve, reject) => {
      let subscription: { unsubscribe(): void } | undefined;
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        subscription?.unsubscribe();
        outcome();
      };
      const onAbort = () => settle(() => reject(new DOMException('cancelled', 'AbortError')));
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();
      subscription = client.subscribe({ query: GenerateContentStream, variables: { input }, fetchPolicy: 'no-cache' }).subscribe({
        next: ({ data, error }) => {
          if (error) settle(() => reject(error));
          else if (data && !settled) emit(toGenerationEvent(data.generateContentStream));
        },
        error: (error: unknown) => settle(() => reject(error)),
        complete: () => settle(resolve),
      });
      // Settled while subscribing (an answer delivered at once): nothing is left to listen to.
      if (settled) subscription.unsubscribe();
    });
}
