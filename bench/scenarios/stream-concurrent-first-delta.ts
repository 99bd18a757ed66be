/**
 * First delta with 64 streams open together: each round starts 64 streamed Messages calls straight to the simulator
 * (time to each one's first text_delta) and 64 `generateContentStream` subscriptions through the BFF (time to each
 * one's first SnippetDelta; they hang up there), both with the same raw undici client, one batch after the other,
 * the order alternating per round so that drift on a shared machine hits both alike. Two ways of starting a batch: all at once, and ramped evenly over
 * FIRST_DELTA_RAMP_MS. The overhead is the BFF's percentile minus the simulator's, over every sample of the run.
 */
import type { Bar } from '../lib/report';
import type { BffProcess, SimProcess } from '../lib/rig';
import { sleep } from '../lib/rig';
import { fmt, percentile, sortedCopy } from '../lib/stats';
import { direct, lead, throughBff } from './stream-clients';

export const STREAMS = 64;
export const FIRST_DELTA_RAMP_MS = 1_000;
const OVERHEAD_P99_BAR_MS = 5;

export interface ConcurrentFirstDelta {
  rampMs: number;
  bff: number[];
  direct: number[];
}

/** Starts `STREAMS` calls of `one`, spread evenly over `rampMs` (0: at once), and waits for all. */
async function batch(rampMs: number, one: (i: number) => Promise<number>): Promise<number[]> {
  const started: Promise<number>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < STREAMS; i++) {
    const due = t0 + (i * rampMs) / STREAMS - performance.now();
    if (due > 1) await sleep(due);
    started.push(one(i));
  }
  return Promise.all(started);
}

export async function measureConcurrentFirstDelta(sims: SimProcess, bff: BffProcess, rampMs: number, rounds: number): Promise<ConcurrentFirstDelta> {
  const result: ConcurrentFirstDelta = { rampMs, bff: [], direct: [] };
  for (let round = 0; round < rounds; round++) {
    const base = 10_000 + round * STREAMS;
    const simulator = async () => result.direct.push(...(await batch(rampMs, (i) => direct(sims, base + i, true))));
    const bffPath = async () => result.bff.push(...(await batch(rampMs, (i) => throughBff(bff, { lead: lead(base + i) }))));
    if (round % 2 === 0) {
      await simulator();
      await bffPath();
    } else {
      await bffPath();
      await simulator();
    }
  }
  return result;
}

const startedHow = (run: ConcurrentFirstDelta) => (run.rampMs === 0 ? 'at once' : `ramped over ${run.rampMs} ms`);

function figures(run: ConcurrentFirstDelta) {
  const bff = sortedCopy(run.bff);
  const sim = sortedCopy(run.direct);
  return {
    bff50: percentile(bff, 50),
    bff99: percentile(bff, 99),
    sim50: percentile(sim, 50),
    sim99: percentile(sim, 99),
    over50: percentile(bff, 50) - percentile(sim, 50),
    over99: percentile(bff, 99) - percentile(sim, 99),
  };
}

export const concurrentHeader = [`${STREAMS} streams, first delta (ms)`, 'simulator p50 / p99', 'BFF p50 / p99', 'overhead p50 / p99', 'samples each'];

export function concurrentRow(run: ConcurrentFirstDelta): string[] {
  const f = figures(run);
  return [
    startedHow(run),
    `${fmt.ms(f.sim50, 1)} / ${fmt.ms(f.sim99, 1)}`,
    `${fmt.ms(f.bff50, 1)} / ${fmt.ms(f.bff99, 1)}`,
    `${fmt.signedMs(f.over50, 1)} / ${fmt.signedMs(f.over99, 1)}`,
    String(run.bff.length),
  ];
}

export function concurrentBar(run: ConcurrentFirstDelta): Bar {
  const f = figures(run);
  return {
    bar: `streaming: first-delta overhead ≤ ${OVERHEAD_P99_BAR_MS} ms p99 at ${STREAMS} streams (${startedHow(run)})`,
    measured: `${fmt.signedMs(f.over99, 1)} ms p99 (BFF ${fmt.ms(f.bff99, 1)}, simulator ${fmt.ms(f.sim99, 1)}); p50 ${fmt.signedMs(f.over50, 1)} ms`,
    holds: f.over99 <= OVERHEAD_P99_BAR_MS,
  };
}
