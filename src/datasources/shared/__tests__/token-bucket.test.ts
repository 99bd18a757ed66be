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
    expect(bucket.msUntil(5, 0)).toBe(500);
    expect(bucket.msUntil(5, 500)).toBe(0);
    expect(bucket.msUntil(11, 500)).toBe(Infinity);
  });

  it('refunds unused tokens, and a negative refund leaves a debt later calls wait out', () => {
    const bucket = new TokenBucket(100, 1_000, 0);
    bucket.take(80, 0);
    bucket.refund(50, 0);
    expect(bucket.available(0)).toBe(70);
    bucket.refund(-90, 0);
    expect(bucket.available(0)).toBe(-20);
    expect(bucket.msUntil(10, 0)).toBe(300);
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
