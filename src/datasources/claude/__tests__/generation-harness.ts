import type { GenerationEvent } from '../generation-events';
import type { ClaudeAPI } from '../ClaudeAPI';
import type { GenerateContentRequest } from '../models';
import { ClaudeAPI as ClaudeDataSource } from '../ClaudeAPI';
import type { TestStack } from '../../../testing/stack';

/** A lead the simulator personalises (its copywriter reads the lead data the prompt carries). */
export const LEAD_REQUEST: GenerateContentRequest = {
  lead: { email: 'maria.lopez@acme-robotics.example', firstName: 'Maria', lastName: 'Lopez', company: 'Acme Robotics', title: 'VP Operations' },
  prompt: 'We sell onboarding software for robotics teams. Mention the warehouse case study.',
};

/** The data source as a request of `caller` builds it, with the client's connection as `signal`. */
export function claudeFor(stack: TestStack, caller = 'test-client', signal?: AbortSignal): ClaudeAPI {
  return new ClaudeDataSource(stack.deps.claude, signal ?? new AbortController().signal, caller);
}

/** Every event of a stream, to its end. */
export async function collect(events: AsyncIterable<GenerationEvent>): Promise<GenerationEvent[]> {
  const seen: GenerationEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

/** Events up to and including the first one `stop` accepts; the iterator is left open (the reader may still leave). */
export async function readUntil(events: AsyncIterator<GenerationEvent>, stop: (event: GenerationEvent) => boolean): Promise<GenerationEvent[]> {
  const seen: GenerationEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return seen;
    seen.push(next.value);
    if (stop(next.value)) return seen;
  }
}

export function last(events: readonly GenerationEvent[]): GenerationEvent {
  const event = events[events.length - 1];
  if (!event) throw new Error('no events');
  return event;
}

export function completedContent(events: readonly GenerationEvent[]) {
  const end = last(events);
  if (end.kind !== 'completed') throw new Error(`expected completed, got ${JSON.stringify(end)}`);
  return end.content;
}

export function failure(events: readonly GenerationEvent[]) {
  const end = last(events);
  if (end.kind !== 'failed') throw new Error(`expected failed, got ${end.kind}`);
  return end;
}

/** The joined delta text of each snippet, 1..7 (empty when none came). */
export function deltaTexts(events: readonly GenerationEvent[]): string[] {
  const texts = ['', '', '', '', '', '', ''];
  for (const event of events) if (event.kind === 'delta') texts[event.snippet - 1] += event.text;
  return texts;
}

export function deltaOrder(events: readonly GenerationEvent[]): number[] {
  return events.flatMap((event) => (event.kind === 'delta' ? [event.snippet] : []));
}

export const kinds = (events: readonly GenerationEvent[]) => events.map((event) => event.kind);
