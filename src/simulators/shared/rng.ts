/** A source of uniform numbers in [0, 1). Every random choice a simulator makes goes through one of these. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for fault dice and fake data; the point is reproducibility. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a stable 32-bit hash, used to derive independent streams and to vary copy by prompt. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * One named stream per concern (faults, jitter, data...), so that e.g. turning on latency jitter does not
 * shift which requests get faults for the same seed.
 */
export function seededRng(seed: number, stream: string): Rng {
  return mulberry32((seed ^ hashString(stream)) >>> 0);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

/** Inclusive on both ends. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pickWeighted<K>(rng: Rng, weighted: ReadonlyArray<readonly [K, number]>): K | undefined {
  let total = 0;
  for (const [, weight] of weighted) total += weight;
  if (total <= 0) return undefined;
  let roll = rng() * total;
  for (const [item, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return weighted[weighted.length - 1]?.[0];
}
