/** Small, exact statistics over recorded samples (no histograms: sub-millisecond latencies need full precision). */

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function median(values: readonly number[]): number {
  return percentile(sortedCopy(values), 50);
}

/** Interquartile range (p75 − p25) of the values. */
export function iqr(values: readonly number[]): number {
  const s = sortedCopy(values);
  return percentile(s, 75) - percentile(s, 25);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A growable float buffer: recording a latency must not allocate per sample. */
export class Samples {
  private data = new Float64Array(4096);
  private n = 0;

  push(value: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value;
  }

  get length(): number {
    return this.n;
  }

  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }
}

/** Formatting helpers for tables. */
export const fmt = {
  ms: (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–'),
  signedMs: (v: number, digits = 2): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(digits)}` : '–'),
  ratio: (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–'),
  int: (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–'),
  pct: (v: number, digits = 1): string => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '–'),
};
