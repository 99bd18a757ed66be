import { BffError } from '../../errors';
import { bffRejection } from '../../testing/bff-rejection';
import { BackgroundWork } from '../background-work';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('BackgroundWork', () => {
  it('When tasks run, then idle() resolves only after the last one settled, failures included', async () => {
    const work = new BackgroundWork();
    const a = deferred();
    const b = deferred();
    const first = work.run(() => a.promise);
    const second = work.run(async () => {
      await b.promise;
      throw new Error('boom');
    });
    let idle = false;
    const idled = work.idle().then(() => (idle = true));
    a.resolve();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect([idle, work.size]).toEqual([false, 1]);
    b.resolve();
    await expect(second).rejects.toThrow('boom');
    await idled;
    expect(work.size).toBe(0);
  });

  it('When the work is stopped, then running tasks see their signal abort with a retryable reason and new tasks are refused', async () => {
    const work = new BackgroundWork();
    const seen: unknown[] = [];
    const running = work.run(
      (signal) =>
        new Promise<void>((resolve) => {
          const stop = () => {
            seen.push(signal.reason);
            resolve();
          };
          if (signal.aborted) stop();
          else signal.addEventListener('abort', stop);
        }),
    );
    expect(await work.stop(1_000)).toBe(true);
    await running;
    expect(seen[0]).toBeInstanceOf(BffError);
    expect((seen[0] as BffError).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, retryAfterSeconds: 1 });
    const refused = await bffRejection(work.run(async () => 'never'));
    expect(refused.message).toBe('The server is restarting; try again in 1 second.');
  });

  it('When a task ignores the stop, then stop() reports that it did not wind down', async () => {
    const work = new BackgroundWork();
    void work.run(() => new Promise<void>(() => undefined));
    expect(await work.stop(20)).toBe(false);
  });
});
