import { TokenBucket as SimulatorBucket } from '../../../simulators/shared/token-bucket';
import { TokenBucket } from '../gate/token-bucket';

describe('TokenBucket', () => {
  it('starts full and refills continuously at capacity per window', () => {
    const bucket = new TokenBucket(60, 60_000, 0);
    bucket.take(60, 0);
    expect(bucket.available(0)).toBe(0);
    expect(bucket.available(30_000)).toBe(30);
    expect(bucket.available(120_000)).toBe(60); // never above capacity
  });

  it('says exactly how long until an amount is available, and Infinity when it can never fit', () => {
    const bucket = new TokenBucket(10, 1_000, 0);
    bucket.take(10, 0);
    // 5 tokens plus the margin (250 ms of refill: 2.5 tokens here) at 10 per second.
    expect(bucket.msUntil(5, 0)).toBe(750);
    expect(bucket.msUntil(5, 500)).toBe(250);
    expect(bucket.msUntil(5, 750)).toBe(0);
    expect(bucket.msUntil(10, 1_000)).toBe(0); // a whole bucket needs no margin: it is granted once full
    expect(bucket.msUntil(11, 500)).toBe(Infinity);
  });

  it('never grants what the upstream bucket, which sees each call a little later, does not have yet', () => {
    // The simulator models the upstream with (elapsed × capacity) / window, refilled at arrival times. Calls
    // granted the moment our bucket allows them (a burst from full, then one per refill) arrive later, unevenly:
    // every third one, the first of the burst included, 200 ms late (a loaded machine, a slow network path), the
    // others within 2 ms. The upstream must accept them all. The first take from a full bucket starts our refill
    // before the upstream's (still capped until that call arrives), so the refill of the first call's delay is
    // ours alone; a call arriving promptly after it finds the upstream short unless we keep that much in hand.
    // A margin of 1/600 of the window (100 ms of a minute, 3 ms of the 2 s windows tests use) was not enough.
    for (const [capacity, windowMs] of [
      [120, 60_000],
      [100, 60_000],
      [50, 60_000],
      [1_000, 60_000],
      [6, 2_000],
    ] as const) {
      let now = 1_700_000_000_000;
      const ours = new TokenBucket(capacity, windowMs, now);
      const upstream = new SimulatorBucket(capacity, windowMs, now);
      let refused = 0;
      for (let grants = 0; grants < 5_000; ) {
        const wait = ours.msUntil(1, now);
        if (wait > 0) {
          now += wait;
          continue;
        }
        ours.take(1, now);
        grants++;
        const arrival = now + (grants % 3 === 1 ? 200 : grants % 3);
        if (upstream.waitMs(1, arrival) > 0) refused++;
        else upstream.take(1, arrival);
      }
      expect({ capacity, refused }).toEqual({ capacity, refused: 0 });
    }
  });

  it('refunds unused tokens, and a negative refund leaves a debt later calls wait out', () => {
    const bucket = new TokenBucket(100, 1_000, 0);
    bucket.take(80, 0);
    bucket.refund(50, 0);
    expect(bucket.available(0)).toBe(70);
    bucket.refund(-90, 0);
    expect(bucket.available(0)).toBe(-20);
    expect(bucket.msUntil(10, 0)).toBe(550); // 30 tokens (+ 250 ms of refill) at 100 per second
  });

  it('adopts a lower upstream limit and remaining, but never raises either', () => {
    const bucket = new TokenBucket(100, 1_000, 0);
    bucket.correct({ limit: 40, remaining: 25 }, 0);
    expect(bucket.limit).toBe(40);
    expect(bucket.available(0)).toBe(25);
    bucket.correct({ limit: 1_000, remaining: 500 }, 0);
    expect(bucket.limit).toBe(100); // min(configured, reported)
    expect(bucket.available(0)).toBe(25);
  });
});
