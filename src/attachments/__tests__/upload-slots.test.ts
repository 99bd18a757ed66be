import { UploadSlots } from '../upload-slots';

const settled = async <T>(promise: Promise<T>) => {
  let state = 'pending';
  promise.then(() => (state = 'granted'), () => (state = 'refused'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('UploadSlots', () => {
  it('When every slot is held, then uploads wait in order, a full queue is refused with UPSTREAM_BUSY, and a release grants the next', async () => {
    const slots = new UploadSlots(1, 1);
    const signal = new AbortController().signal;
    const first = await slots.acquire(signal);
    const second = slots.acquire(signal);
    await expect(slots.acquire(signal)).rejects.toMatchObject({ code: 'UPSTREAM_BUSY', retryAfterSeconds: 1 });
    expect(await settled(second)).toBe('pending');
    first();
    first();
    const release = await second;
    // The double release of `first` freed one slot only: a third upload waits again.
    const third = slots.acquire(signal);
    expect(await settled(third)).toBe('pending');
    release();
    expect(await settled(third)).toBe('granted');
  });

  it('When a waiting client leaves, then it leaves the queue and its place goes to the next', async () => {
    const slots = new UploadSlots(1, 2);
    const held = await slots.acquire(new AbortController().signal);
    const leaving = new AbortController();
    const gone = slots.acquire(leaving.signal);
    const next = slots.acquire(new AbortController().signal);
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    held();
    expect(await settled(next)).toBe('granted');
  });
});
