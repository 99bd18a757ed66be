/** Run lengths, from the environment so a quick run and the full run use the same code. */
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const quick = process.env.BENCH_QUICK === '1';

export const settings = {
  /** Seconds per measured round of one path (closed loop). */
  roundSeconds: num('BENCH_ROUND_SECONDS', quick ? 1 : 2),
  /** Interleaved rounds per cell (median of round medians). */
  rounds: num('BENCH_ROUNDS', quick ? 3 : 5),
  /** Warm-up per path before its first cell (JIT, document cache, keep-alive sockets). */
  warmupSeconds: num('BENCH_WARMUP_SECONDS', quick ? 1 : 3),
  /** Burst scenario length; the full run uses 60 s. */
  burstSeconds: num('BENCH_BURST_SECONDS', quick ? 15 : 60),
  /** Operations in the fault scenario. */
  faultOperations: num('BENCH_FAULT_OPERATIONS', quick ? 300 : 2000),
  quick,
};
