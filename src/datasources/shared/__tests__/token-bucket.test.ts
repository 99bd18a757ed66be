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
    // 5 tokens plus the margin (1/600 of the capacity, ~1.7 ms of refill here) at 10 per second.
    expect(bucket.msUntil(5, 0)).toBe(502);
    expect(bucket.msUntil(5, 500)).toBe(2);
    expect(bucket.msUntil(5, 502)).toBe(0);
    expect(bucket.msUntil(10, 1_000)).toBe(0); // a whole bucket needs no margin: it is granted once full
    expect(bucket.msUntil(11, 500)).toBe(Infinity);
  });

  it('never grants what the upstream bucket, which sees each call a little later, does not have yet', () => {
    // The simulator models the upstream with (elapsed × capacity) / window, refilled at arrival times. Calls
    // granted the moment our bucket allows them (a burst from full, then one per refill) arrive up to 20 ms
    // later; the upstream must accept them all. Without the margin the first call after the burst was refused:
    // the first take from a full bucket starts our refill earlier than the upstream's (capped meanwhile).
    for (const [capacity, windowMs] of [
      [120, 60_000],
      [100, 60_000],
      [50, 60_000],
      [1_000, 60_000],
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
        const arrival = now + (grants % 3 === 0 ? 20 : grants % 3);
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
    expect(bucket.msUntil(10, 0)).toBe(302); // 30 tokens (+ the margin) at 100 per second
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
