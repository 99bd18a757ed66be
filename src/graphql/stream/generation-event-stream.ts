import type { GenerationEvent } from '../../datasources/claude/generation-events';
import type { GeneratedContentModel } from '../../datasources/claude/models';
import { AsyncQueue } from '../../datasources/shared/async-queue';
import { systemClock, type Clock } from '../../datasources/shared/clock';
import { describeError, logger } from '../../logging/logger';
import { formatError } from '../format-error';
import { DeltaWindow, type SnippetText } from './delta-window';

/** The `GenerationEvent` union members as the subscription sends them (`__typename` picks the member). */
export type GenerationEventObject =
  | { __typename: 'GenerationQueued'; position: number; etaSeconds: number | null }
  | { __typename: 'GenerationStarted'; model: string }
  | { __typename: 'SnippetDelta'; snippet: number; text: string }
  | { __typename: 'GenerationCompleted'; content: GeneratedContentModel }
  | {
      __typename: 'GenerationFailed';
      code: string;
      message: string;
      retryable: boolean;
      retryAfterSeconds: number | null;
      completedSnippets: number[];
    };

/** One event as the subscription yields it: graphql-js reads the field's value from the payload. */
export interface GenerationPayload {
  generateContentStream: GenerationEventObject;
}

export interface EventStreamOptions {
  clock?: Clock;
  windowMs?: number;
}

/**
 * How long an ended stream waits for the engine to wind down (a cancelled generation settling its reservation and
 * usage) before it reports itself done; the engine stops within a second of its signal aborting.
 */
const SETTLE_WAIT_MS = 2_000;

const log = logger.child({ component: 'stream' });

/**
 * A failure as the client may see it: a BffError keeps its code, user message and hints; anything else is masked
 * (and logged once with its cause) exactly as `formatError` masks it on /graphql.
 */
function failure(error: unknown, completedSnippets: number[]): GenerationEventObject {
  const { message, extensions = {} } = formatError({ message: '' }, error);
  return {
    __typename: 'GenerationFailed',
    code: String(extensions.code),
    message,
    retryable: extensions.retryable === true,
    retryAfterSeconds: typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : null,
    completedSnippets,
  };
}

function objectFor(event: Exclude<GenerationEvent, { kind: 'delta' }>): GenerationEventObject {
  switch (event.kind) {
    case 'queued':
      return { __typename: 'GenerationQueued', position: event.position, etaSeconds: event.etaSeconds ?? null };
    case 'started':
      return { __typename: 'GenerationStarted', model: event.model };
    case 'completed':
      return { __typename: 'GenerationCompleted', content: event.content };
    case 'failed':
      return failure(event.error, event.completedSnippets);
  }
}

/**
 * The subscription's event stream over the engine's events: deltas coalesced (`DeltaWindow`), every other event sent
 * as it comes after the text before it, and the stream ended by `completed` or `failed`, which is always last: an
 * engine that throws or stops early ends in a `GenerationFailed` (then `completedSnippets` are those before the last
 * one text arrived for). The engine is read eagerly, as fast as it produces. `return()` (the client unsubscribed or
 * left) answers at once: cancelling the generation is the request signal's job, never the iterator's.
 */
export function generationEventStream(source: AsyncIterable<GenerationEvent>, options: EventStreamOptions = {}): AsyncIterableIterator<GenerationPayload> {
  const clock = options.clock ?? systemClock;
  const out = new AsyncQueue<GenerationPayload>();
  const send = (event: GenerationEventObject) => out.push({ generateContentStream: event });
  const window = new DeltaWindow((delta: SnippetText) => send({ __typename: 'SnippetDelta', ...delta }), clock, options.windowMs);
  let closed = false;

  const pumped = (async () => {
    const events = source[Symbol.asyncIterator]();
    let lastSnippet = 0;
    // The engine threw or returned by itself: nothing is left to stop.
    let sourceDone = false;
    try {
      while (!closed) {
        const step = await events.next();
        if (step.done) sourceDone = true;
        if (closed) break;
        if (step.done) throw new Error('the generation engine ended its stream without completed or failed');
        const event = step.value;
        if (event.kind === 'delta') {
          lastSnippet = Math.max(lastSnippet, event.snippet);
          window.add({ snippet: event.snippet, text: event.text });
          continue;
        }
        window.flush();
        send(objectFor(event));
        if (event.kind === 'completed' || event.kind === 'failed') break;
      }
    } catch (error) {
      sourceDone = true;
      if (!closed) {
        window.flush();
        send(failure(error, Array.from({ length: Math.max(0, lastSnippet - 1) }, (_, i) => i + 1)));
      }
    } finally {
      window.close();
      out.end();
      // A generator stopped at a `yield` (its last event sent, or the client gone) runs its cleanup now.
      if (!sourceDone) await events.return?.().catch((error: unknown) => log.warn('the generation engine failed to stop', { error: describeError(error) }));
    }
  })();

  const stop = async (): Promise<IteratorResult<GenerationPayload, undefined>> => {
    closed = true;
    window.close();
    out.discard();
    let timer: { cancel(): void } | undefined;
    await Promise.race([pumped, new Promise<void>((resolve) => (timer = clock.schedule(SETTLE_WAIT_MS, resolve, { unref: true })))]);
    timer?.cancel();
    return { value: undefined, done: true };
  };

  return {
    next: () => out.next(),
    return: stop,
    throw: stop,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
