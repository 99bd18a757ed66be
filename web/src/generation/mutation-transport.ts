import type { ApolloClient } from '@apollo/client';
import type { Snippets } from '../leads/lead';
import type { GenerationTransport } from './generation-queue';
import { GenerateContentMutation } from './operations';

/**
 * Generation through the `generateContent` mutation: one request, the whole sequence in its answer, so the
 * fields fill at once. Aborting the signal aborts the HTTP request, which the server treats as a cancel.
 * (The streaming subscription replaces this transport; the queue and the screens stay as they are.)
 */
export function mutationTransport(client: ApolloClient): GenerationTransport {
  return async (input, emit, signal) => {
    const { data } = await client.mutate({
      mutation: GenerateContentMutation,
      variables: { input },
      context: { fetchOptions: { signal } },
    });
    const content = data?.generateContent;
    if (!content) return;
    const snippets: Snippets = [
      content.snippet1,
      content.snippet2,
      content.snippet3,
      content.snippet4,
      content.snippet5,
      content.snippet6,
      content.snippet7,
    ];
    emit({ type: 'completed', sequence: { snippets, model: content.model, generatedAt: content.generatedAt } });
  };
}
