import { EventOrder } from '../event-order';
import type { GenerationEvent } from '../generation-events';
import { splitSequence, WHOLE_SEQUENCE } from '../sequence-parts';

/** The order rules on their own: what the client sees while parts of one generation report in any order. */
describe('EventOrder', () => {
  let events: GenerationEvent[];
  beforeEach(() => {
    events = [];
  });
  const emit = (event: GenerationEvent) => events.push(event);
  const deltas = () => events.flatMap((event) => (event.kind === 'delta' ? [`${event.snippet}:${event.text}`] : []));

  it('When a later part writes before the first is done, then its text is held, then shown at once and its attempt committed', () => {
    const order = new EventOrder(splitSequence(3), true, emit);
    const commits: string[] = [];
    order.attemptStarted(0, 'm');
    order.attemptStarted(2, 'm');
    order.text(2, [{ snippet: 6, text: 'bump 2' }], [6], () => commits.push('part 3'));
    expect(deltas()).toEqual([]);
    expect(order.shown(2)).toBe(false);

    order.text(0, [{ snippet: 1, text: 'subject' }], [], () => commits.push('part 1'));
    order.partDone(0);
    expect(deltas()).toEqual(['1:subject']);
    expect(commits).toEqual(['part 1']);

    order.attemptStarted(1, 'm');
    order.text(1, [{ snippet: 3, text: 'note' }], [], () => commits.push('part 2'));
    order.partDone(1);
    expect(deltas()).toEqual(['1:subject', '3:note', '6:bump 2']);
    expect(commits).toEqual(['part 1', 'part 2', 'part 3']);
    expect(order.shown(2)).toBe(true);
  });

  it('When a held part starts a new attempt (a retry), then the text of the failed attempt is dropped', () => {
    const order = new EventOrder(splitSequence(2), true, emit);
    order.attemptStarted(1, 'm');
    order.text(1, [{ snippet: 4, text: 'first try' }], [], () => {});
    order.attemptStarted(1, 'm');
    order.text(1, [{ snippet: 4, text: 'second try' }], [], () => {});
    order.attemptStarted(0, 'm');
    order.partDone(0);

    expect(deltas()).toEqual(['4:second try']);
  });

  it('When Claude starts, then started is told once, and queue reports after it (a retry waiting again) are not', () => {
    const order = new EventOrder([WHOLE_SEQUENCE], true, emit);
    order.queued(0, 2, 1_500);
    order.attemptStarted(0, 'claude-x');
    order.attemptStarted(0, 'claude-x');
    order.queued(0, 1, 0);

    expect(events).toEqual([
      { kind: 'queued', position: 2, etaSeconds: 1.5 },
      { kind: 'started', model: 'claude-x' },
    ]);
  });

  it('When the generation fails, then the complete snippets are those of the parts shown and the closed blocks of the head', () => {
    const order = new EventOrder(splitSequence(3), true, emit);
    order.attemptStarted(0, 'm');
    order.text(0, [{ snippet: 1, text: 's' }, { snippet: 2, text: 'e' }], [1], () => {});
    order.partDone(0);
    order.text(1, [{ snippet: 3, text: 'n' }, { snippet: 4, text: 'b' }], [3], () => {});
    order.text(2, [{ snippet: 6, text: 'x' }], [6], () => {});

    expect(order.completedSnippets()).toEqual([1, 2, 3]);
  });

  it('When not live (the mutation), then no text is shown and no attempt is ever committed', () => {
    const order = new EventOrder([WHOLE_SEQUENCE], false, emit);
    let committed = false;
    order.text(0, [{ snippet: 1, text: 's' }], [], () => (committed = true));

    expect(deltas()).toEqual([]);
    expect(committed).toBe(false);
    expect(order.shown(0)).toBe(false);
  });
});
