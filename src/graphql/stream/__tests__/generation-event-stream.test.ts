import type { GenerationEvent } from '../../../datasources/claude/generation-events';
import type { GeneratedContentModel } from '../../../datasources/claude/models';
import { settle, TestClock } from '../../../datasources/shared/__tests__/support/test-clock';
import { BffError, ErrorCode } from '../../../errors';
import { captureLogsForSuite } from '../../../testing/log-capture';
import { generationEventStream, type GenerationEventObject } from '../generation-event-stream';

/** An engine the test drives event by event, as the real one is driven by Claude's stream. */
class ScriptedEngine implements AsyncIterable<GenerationEvent> {
  private readonly queued: (GenerationEvent | Error | 'end')[] = [];
  private wake: (() => void) | undefined;
  reads = 0;
  stoppedAfterLast = false;

  emit(...items: (GenerationEvent | Error | 'end')[]): void {
    this.queued.push(...items);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<GenerationEvent> {
    try {
      for (;;) {
        while (this.queued.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
        const item = this.queued.shift()!;
        if (item === 'end') return;
        if (item instanceof Error) throw item;
        this.reads++;
        yield item;
      }
    } finally {
      this.stoppedAfterLast = true;
    }
  }
}

const content = { snippet1: 'Quick idea for Acme', model: 'claude-test' } as unknown as GeneratedContentModel;

async function drain(stream: AsyncIterableIterator<{ generateContentStream: GenerationEventObject }>, clock: TestClock) {
  const events: GenerationEventObject[] = [];
  for (;;) {
    const step = await clock.until(stream.next());
    if (step.done) return events;
    events.push(step.value.generateContentStream);
  }
}

describe('generationEventStream', () => {
  const logs = captureLogsForSuite();

  it('When the engine reports each kind of event, then each becomes its union member, and the stream ends with completed', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    engine.emit(
      { kind: 'queued', position: 2, etaSeconds: 1.5 },
      { kind: 'queued', position: 1 },
      { kind: 'started', model: 'claude-test' },
      { kind: 'delta', snippet: 1, text: 'Quick idea' },
      { kind: 'completed', content },
      { kind: 'started', model: 'never read' },
    );
    const events = await drain(generationEventStream(engine, { clock }), clock);
    expect(events).toEqual([
      { __typename: 'GenerationQueued', position: 2, etaSeconds: 1.5 },
      { __typename: 'GenerationQueued', position: 1, etaSeconds: null },
      { __typename: 'GenerationStarted', model: 'claude-test' },
      { __typename: 'SnippetDelta', snippet: 1, text: 'Quick idea' },
      { __typename: 'GenerationCompleted', content },
    ]);
    expect(engine.reads).toBe(5);
    expect(engine.stoppedAfterLast).toBe(true);
  });

  it('When text arrives quickly, then the first delta goes out at once and the rest, coalesced, before the event that follows it', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    const stream = generationEventStream(engine, { clock });
    engine.emit({ kind: 'delta', snippet: 1, text: 'Quick' });
    const first = await clock.withoutWaiting(stream.next());
    expect(first.value?.generateContentStream).toEqual({ __typename: 'SnippetDelta', snippet: 1, text: 'Quick' });
    engine.emit(
      { kind: 'delta', snippet: 1, text: ' idea' },
      { kind: 'delta', snippet: 2, text: 'Hi' },
      { kind: 'delta', snippet: 2, text: ' Dana' },
      { kind: 'completed', content },
    );
    expect(await drain(stream, clock)).toEqual([
      { __typename: 'SnippetDelta', snippet: 1, text: ' idea' },
      { __typename: 'SnippetDelta', snippet: 2, text: 'Hi Dana' },
      { __typename: 'GenerationCompleted', content },
    ]);
  });

  it('When the engine reports a failure, then GenerationFailed carries its code, user message, hints and completed snippets', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    const error = new BffError(ErrorCode.UPSTREAM_RATE_LIMITED, 'Claude is busy; try again in 20 seconds.', { retryAfterSeconds: 20 });
    engine.emit({ kind: 'delta', snippet: 1, text: 'Quick' }, { kind: 'failed', error, completedSnippets: [1] });
    const events = await drain(generationEventStream(engine, { clock }), clock);
    expect(events[events.length - 1]).toEqual({
      __typename: 'GenerationFailed',
      code: 'UPSTREAM_RATE_LIMITED',
      message: 'Claude is busy; try again in 20 seconds.',
      retryable: true,
      retryAfterSeconds: 20,
      completedSnippets: [1],
    });
  });

  it('When the engine throws something unexpected after text of snippet 3, then the client gets a masked failure and the log has the cause', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    engine.emit(
      { kind: 'delta', snippet: 1, text: 'S' },
      { kind: 'delta', snippet: 2, text: 'B' },
      { kind: 'delta', snippet: 3, text: 'L' },
      new Error('socket hang up at 10.0.0.7: upstream said <html>'),
    );
    const events = await drain(generationEventStream(engine, { clock }), clock);
    const failed = events[events.length - 1];
    expect(failed).toEqual({
      __typename: 'GenerationFailed',
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Something went wrong on our side.',
      retryable: false,
      retryAfterSeconds: null,
      completedSnippets: [1, 2],
    });
    // The text sent before the failure is all there, before it.
    expect(events.filter((e) => e.__typename === 'SnippetDelta').map((e) => (e.__typename === 'SnippetDelta' ? e.text : '')).join('')).toBe('SBL');
    expect(logs.entries()).toEqual([expect.objectContaining({ message: 'unexpected error, masked for the client', level: 'error' })]);
    expect(JSON.stringify(logs.entries())).toContain('socket hang up');
  });

  it('When the engine stops without completed or failed, then the stream still ends in GenerationFailed, never a partial success', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    engine.emit({ kind: 'started', model: 'claude-test' }, { kind: 'delta', snippet: 1, text: 'Quick' }, 'end');
    const events = await drain(generationEventStream(engine, { clock }), clock);
    expect(events.map((e) => e.__typename)).toEqual(['GenerationStarted', 'SnippetDelta', 'GenerationFailed']);
    expect(events[2]).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', completedSnippets: [] });
  });

  it('When the client leaves while the engine waits, then return() answers at once once the engine stops, and nothing more is sent', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    const stream = generationEventStream(engine, { clock });
    engine.emit({ kind: 'started', model: 'claude-test' });
    await clock.withoutWaiting(stream.next());
    const pending = stream.next();
    const returned = stream.return!();
    expect(await clock.withoutWaiting(pending)).toEqual({ value: undefined, done: true });
    // The engine notices its aborted signal and throws: the stream has wound down.
    engine.emit(new Error('aborted'));
    expect(await clock.withoutWaiting(returned)).toEqual({ value: undefined, done: true });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('When the client leaves and the engine never reacts, then return() gives up waiting after the settle time', async () => {
    const clock = new TestClock();
    const engine = new ScriptedEngine();
    const stream = generationEventStream(engine, { clock });
    await settle();
    const returned = stream.return!();
    expect(await clock.until(returned, 2_000)).toEqual({ value: undefined, done: true });
  });
});
