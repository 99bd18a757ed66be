/**
 * Interleaved A/B/C rounds: every path is warmed up, then measured round after round in rotating order, so drift
 * (thermal, noisy neighbours, GC) hits all paths alike. Figures are medians of the round medians.
 */
import { closedLoop, type RunResult, type Target } from './load';
import os from 'node:os';
import { machineCpuMs, selfCpuMs } from './rig';
import { iqr, median, sum } from './stats';

export interface PathSpec {
  target: Target;
  /** CPU ms of the process serving this path (BFF, proxy, reference server); absent for the direct path. */
  serverCpuMs?: () => number;
}

export interface RoundStat {
  p50: number;
  p99: number;
  rps: number;
  valid: number;
  invalid: number;
  /** Requests sent, including any in flight when the round stopped. */
  sent: number;
  serverCpuMs: number;
  upstreamCalls: number;
  /** Loadgen + in-rig upstream CPU as a share of their core (≥ 0.9: the rig, not the server, may be the limit). */
  rigCore: number;
  /** CPU used by processes outside the rig during the round, as a share of all cores (noise). */
  foreign: number;
  /** Hypervisor steal time during the round, as a share of all cores. */
  steal: number;
}

export interface PathSummary {
  name: string;
  rounds: RoundStat[];
  p50: number;
  p99: number;
  p50Iqr: number;
  p99Iqr: number;
  rps: number;
  serverCpuPerRequestMs: number;
  upstreamCallsPerRequest: number;
  invalid: number;
  invalidExamples: string[];
  errors: number;
  rigCore: number;
  foreign: number;
  steal: number;
  /** Any invalid response or socket error voids the figure. */
  void: boolean;
}

export interface InterleaveOptions {
  connections: number;
  rounds: number;
  roundSeconds: number;
  warmupSeconds: number;
  /** Upstream requests so far (simulator stats), to report calls per request. */
  upstreamCalls?: () => Promise<number>;
  /** CPU ms of the simulator process, when it runs out of process on the loadgen core. */
  upstreamCpuMs?: () => number;
  log?: (line: string) => void;
}

export async function interleave(paths: PathSpec[], options: InterleaveOptions): Promise<Map<string, PathSummary>> {
  const log = options.log ?? (() => undefined);
  for (const path of paths) {
    if (options.warmupSeconds > 0) {
      const warm = await closedLoop(path.target, { connections: options.connections, seconds: options.warmupSeconds });
      log(`    warm-up ${path.target.name}: ${warm.responses} responses, ${warm.invalid} invalid`);
      if (warm.invalid > 0) log(`      e.g. ${warm.invalidExamples[0]}`);
    }
  }
  const stats = new Map<string, { rounds: RoundStat[]; examples: string[]; errors: number }>();
  for (const path of paths) stats.set(path.target.name, { rounds: [], examples: [], errors: 0 });

  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < paths.length; i++) {
      const path = paths[(i + round) % paths.length]!;
      const calls0 = options.upstreamCalls ? await options.upstreamCalls() : 0;
      const cpu0 = path.serverCpuMs?.() ?? 0;
      const up0 = options.upstreamCpuMs?.() ?? 0;
      const self0 = selfCpuMs();
      const machine0 = machineCpuMs();
      const result: RunResult = await closedLoop(path.target, { connections: options.connections, seconds: options.roundSeconds });
      const machine1 = machineCpuMs();
      const ownRig = selfCpuMs() - self0 + ((options.upstreamCpuMs?.() ?? 0) - up0);
      const rig = ownRig / 1000 / result.seconds;
      const cpu = (path.serverCpuMs?.() ?? 0) - cpu0;
      const cores = os.cpus().length;
      const wallMs = result.seconds * 1000 * cores;
      const foreign = Math.max(0, (machine1.busy - machine0.busy - ownRig - cpu) / wallMs);
      const steal = (machine1.steal - machine0.steal) / wallMs;
      // Requests in flight at the stop still reach the upstream: let them land before counting.
      if (options.upstreamCalls) await new Promise((resolve) => setTimeout(resolve, 100));
      const calls = options.upstreamCalls ? (await options.upstreamCalls()) - calls0 : Number.NaN;
      const entry = stats.get(path.target.name)!;
      entry.rounds.push({
        p50: result.p50,
        p99: result.p99,
        rps: result.rps,
        valid: result.latencies.length,
        invalid: result.invalid,
        sent: result.sent,
        serverCpuMs: cpu,
        upstreamCalls: calls,
        rigCore: rig,
        foreign,
        steal,
      });
      entry.examples.push(...result.invalidExamples);
      entry.errors += result.errors;
      log(
        `    round ${round + 1} ${path.target.name.padEnd(22)} p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms  ` +
          `${result.rps.toFixed(0)} req/s  invalid ${result.invalid}  errors ${result.errors}  other load ${(foreign * 100).toFixed(0)}%`,
      );
    }
  }

  const summaries = new Map<string, PathSummary>();
  for (const path of paths) {
    const { rounds, examples, errors } = stats.get(path.target.name)!;
    const valid = sum(rounds.map((r) => r.valid));
    const invalid = sum(rounds.map((r) => r.invalid));
    summaries.set(path.target.name, {
      name: path.target.name,
      rounds,
      p50: median(rounds.map((r) => r.p50)),
      p99: median(rounds.map((r) => r.p99)),
      p50Iqr: iqr(rounds.map((r) => r.p50)),
      p99Iqr: iqr(rounds.map((r) => r.p99)),
      rps: median(rounds.map((r) => r.rps)),
      serverCpuPerRequestMs: path.serverCpuMs ? sum(rounds.map((r) => r.serverCpuMs)) / valid : Number.NaN,
      upstreamCallsPerRequest: sum(rounds.map((r) => r.upstreamCalls)) / sum(rounds.map((r) => r.sent)),
      invalid,
      invalidExamples: examples.slice(0, 3),
      errors,
      rigCore: median(rounds.map((r) => r.rigCore)),
      foreign: median(rounds.map((r) => r.foreign)),
      steal: median(rounds.map((r) => r.steal)),
      void: invalid > 0 || errors > 0,
    });
  }
  return summaries;
}
