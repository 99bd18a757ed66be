import { TestClock } from '../../../datasources/shared/__tests__/support/test-clock';
import { DeltaWindow, type SnippetText } from '../delta-window';

function windowed(windowMs = 50) {
  const clock = new TestClock();
  const sent: SnippetText[] = [];
  const window = new DeltaWindow((delta) => sent.push(delta), clock, windowMs);
  return { clock, sent, window };
}

describe('DeltaWindow', () => {
  it('When the first delta arrives, then it is sent at once, without waiting for the window', () => {
    const { sent, window } = windowed();
    window.add({ snippet: 1, text: 'Quick' });
    expect(sent).toEqual([{ snippet: 1, text: 'Quick' }]);
  });

  it('When more text arrives within the window, then it is held and sent at its end, joined per snippet, snippets in order', async () => {
    const { clock, sent, window } = windowed();
    window.add({ snippet: 1, text: 'Quick' });
    await clock.advance(10);
    window.add({ snippet: 1, text: ' idea' });
    window.add({ snippet: 1, text: ' for Acme' });
    window.add({ snippet: 2, text: 'Hi Dana,' });
    await clock.advance(39);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent).toEqual([
      { snippet: 1, text: 'Quick' },
      { snippet: 1, text: ' idea for Acme' },
      { snippet: 2, text: 'Hi Dana,' },
    ]);
  });

  it('When text keeps coming, then at most one batch goes out per window and none waits longer than one', async () => {
    const { clock, sent, window } = windowed();
    const batchesAt: number[] = [];
    const start = clock.now();
    for (let ms = 0; ms < 300; ms += 5) {
      window.add({ snippet: 2, text: 'x' });
      const before = sent.length;
      await clock.advance(5);
      if (sent.length > before) batchesAt.push(clock.now() - start);
    }
    await clock.advance(50);
    expect(sent.map((d) => d.text).join('')).toBe('x'.repeat(60));
    const gaps = batchesAt.slice(1).map((at, i) => at - batchesAt[i]!);
    expect(gaps.every((gap) => gap >= 50)).toBe(true);
    expect(gaps.every((gap) => gap <= 55)).toBe(true);
  });

  it('When a window ends with nothing held, then the next delta goes out at once again', async () => {
    const { clock, sent, window } = windowed();
    window.add({ snippet: 1, text: 'a' });
    await clock.advance(200);
    window.add({ snippet: 1, text: 'b' });
    expect(sent.map((d) => d.text)).toEqual(['a', 'b']);
  });

  it('When flushed (another event follows), then what is held goes out now and the next delta is not held', async () => {
    const { clock, sent, window } = windowed();
    window.add({ snippet: 7, text: 'Bye' });
    window.add({ snippet: 7, text: ' for now' });
    window.flush();
    expect(sent.map((d) => d.text)).toEqual(['Bye', ' for now']);
    window.add({ snippet: 7, text: '.' });
    expect(sent.map((d) => d.text)).toEqual(['Bye', ' for now', '.']);
    await clock.advance(100);
    expect(sent).toHaveLength(3);
  });

  it('When closed, then held text is dropped and no timer fires', async () => {
    const { clock, sent, window } = windowed();
    window.add({ snippet: 3, text: 'Hi' });
    window.add({ snippet: 3, text: ' there' });
    window.close();
    await clock.advance(100);
    expect(sent.map((d) => d.text)).toEqual(['Hi']);
  });
});
