/** The two clients of the streaming scenario: a stream through the BFF, and the same Messages call straight to the simulator. */
import { createClient } from 'graphql-sse';
import { request } from 'undici';
import { buildPrompt } from '../../src/datasources/claude/prompt';
import type { BffProcess, SimProcess } from '../lib/rig';

export const MAX_TOKENS = 2048;

const STREAM = `subscription($input: GenerateContentInput!) { generateContentStream(input: $input) {
  __typename ... on SnippetDelta { snippet text } ... on GenerationCompleted { content { snippet1 } } ... on GenerationFailed { code } } }`;

export const lead = (i: number) => ({ email: `lead${i}@bench.example`, firstName: 'Dana', company: `Northwind ${i}`, title: 'VP Sales' });

export interface StreamTiming {
  firstDeltaMs: number;
  totalMs: number;
  ended: string;
}

/**
 * One stream through the BFF; times from the request to the first SnippetDelta and to the end. With
 * `untilFirstDelta` the client unsubscribes at its first delta (a whole sequence at Claude's pace takes ~15 s).
 */
export function streamOnce(bff: BffProcess, input: Record<string, unknown>, signal?: AbortSignal, untilFirstDelta = false): Promise<StreamTiming> {
  const client = createClient({ url: `${bff.url}/graphql/stream`, retryAttempts: 0, fetchFn: fetch });
  const started = performance.now();
  let firstDeltaMs = Number.NaN;
  let ended = 'none';
  return new Promise((resolve) => {
    const dispose = client.subscribe<{ generateContentStream: { __typename: string; code?: string } }>(
      { query: STREAM, variables: { input } },
      {
        next: ({ data, errors }) => {
          const event = data?.generateContentStream;
          if (event?.__typename === 'SnippetDelta' && Number.isNaN(firstDeltaMs)) {
            firstDeltaMs = performance.now() - started;
            if (untilFirstDelta) {
              dispose();
              resolve({ firstDeltaMs, totalMs: firstDeltaMs, ended: 'first delta' });
            }
          }
          if (event?.__typename === 'GenerationCompleted') ended = 'completed';
          if (event?.__typename === 'GenerationFailed') ended = event.code ?? 'failed';
          if (errors) ended = String(errors[0]?.extensions?.code);
        },
        error: (error) => resolve({ firstDeltaMs, totalMs: performance.now() - started, ended: `client error: ${String(error)}` }),
        complete: () => resolve({ firstDeltaMs, totalMs: performance.now() - started, ended }),
      },
    );
    signal?.addEventListener('abort', () => {
      dispose();
      resolve({ firstDeltaMs, totalMs: performance.now() - started, ended: 'cancelled' });
    });
  });
}

/** The Messages request the BFF builds for a lead, as the simulator receives it. */
function messagesBody(i: number, stream: boolean): string {
  const prompt = buildPrompt({ lead: lead(i) });
  return JSON.stringify({
    model: 'claude-sonnet-4-6',
    max_tokens: MAX_TOKENS,
    system: prompt.system,
    messages: [{ role: 'user', content: prompt.user }],
    stream,
  });
}

/** Straight to the simulator: time to the first text_delta (streamed) or to the whole answer (blocking). */
export async function direct(sims: SimProcess, i: number, stream: boolean): Promise<number> {
  const started = performance.now();
  const controller = new AbortController();
  const response = await request(`${new URL(sims.claudeUrl).origin}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': sims.claudeKey, 'anthropic-version': '2023-06-01' },
    body: messagesBody(i, stream),
    signal: controller.signal,
  });
  if (!stream) {
    await response.body.text();
    return performance.now() - started;
  }
  return untilMarker(response.body, 'content_block_delta', started, controller);
}

/**
 * Through the BFF with the same client as `direct` (undici, raw SSE bytes), so that neither side pays for a heavier
 * client: graphql-sse's distinct-connections request, timed to the first SnippetDelta event.
 */
export async function throughBff(bff: BffProcess, input: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const controller = new AbortController();
  const response = await request(`${bff.url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: STREAM, variables: { input } }),
    signal: controller.signal,
  });
  return untilMarker(response.body, '"SnippetDelta"', started, controller);
}

/** Milliseconds from `started` to the chunk that completes `marker` (which may straddle two chunks); then hangs up. */
async function untilMarker(body: AsyncIterable<Buffer>, marker: string, started: number, controller: AbortController): Promise<number> {
  let tail = '';
  for await (const chunk of body) {
    const text = tail + String(chunk);
    if (text.includes(marker)) {
      const ms = performance.now() - started;
      controller.abort();
      return ms;
    }
    tail = text.slice(-marker.length);
  }
  throw new Error(`the stream ended without ${marker}`);
}
