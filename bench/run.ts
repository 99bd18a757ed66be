/**
 * npm run bench [-- <scenario> ...]: builds (via the npm script), then runs the scenarios against the compiled BFF,
 * the simulators and bench-owned reference servers, prints tables and writes bench/results.md.
 *
 *   node dist/bench/run.js all | overhead | cached | fanout | burst | faults | stream | profile | allocations
 *
 * Env: BENCH_QUICK=1 (short everything), BENCH_ROUND_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS,
 * BENCH_BURST_SECONDS (60 in the full run), BENCH_FAULT_OPERATIONS (2000), BENCH_QUIET_WAIT_SECONDS (wait up to this long
 * for other processes to leave the CPUs alone before starting; default 0), BENCH_PROFILE_SECONDS (10), BENCH_ALLOCATION_SECONDS (8),
 * BENCH_NODE_ARGS (extra node flags for the BFF in the allocation scenario, e.g. --max-semi-space-size=16).
 */
import { allocations } from './scenarios/allocations';
import { barsTable, type Section, writeResults } from './lib/report';
import { backgroundLoad, describeMachine, killChildren, machine, pinSelf, scratchDir } from './lib/rig';
import { settings } from './lib/settings';
import { burst } from './scenarios/burst';
import { cached } from './scenarios/cached';
import { fanout } from './scenarios/fanout';
import { faults } from './scenarios/faults';
import { overhead } from './scenarios/overhead';
import { profile } from './scenarios/profile';
import { stream } from './scenarios/stream';

type Scenario = (log: (line: string) => void) => Promise<Section>;
const SCENARIOS: Record<string, Scenario> = { overhead, cached, fanout, burst, faults, stream, profile, allocations };
const ALL = ['overhead', 'cached', 'fanout', 'burst', 'faults', 'stream'];

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const names = requested.length === 0 || requested.includes('all') ? ALL : requested;
  const unknown = names.filter((n) => !SCENARIOS[n]);
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);

  pinSelf();
  // A shared machine: optionally wait (bounded) for other processes to calm down before measuring.
  const quietWaitS = Number(process.env.BENCH_QUIET_WAIT_SECONDS ?? 0);
  let background = await backgroundLoad();
  for (const until = Date.now() + quietWaitS * 1000; background > 0.15 && Date.now() < until; background = await backgroundLoad(2000)) {
    process.stdout.write(`waiting for a quieter machine: other processes use ${(background * 100).toFixed(0)}% of the CPUs\n`);
  }
  const m = { ...machine(), background };
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Outreach BFF benchmarks: ${names.join(', ')}${settings.quick ? ' (BENCH_QUICK)' : ''}`);
  log(`Machine: ${describeMachine(m)}`);
  log(`Logs and profiles: ${scratchDir()}`);
  const sections: Section[] = [];
  const startedAt = Date.now();
  for (const name of names) {
    const t0 = Date.now();
    log(`\n== ${name} ==`);
    const section = await SCENARIOS[name]!(log);
    sections.push(section);
    writeResults(sections, m);
    log(`(${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  log(`\nBars (${((Date.now() - startedAt) / 1000).toFixed(0)} s in all; bench/results.md written):`);
  log(barsTable(sections.flatMap((s) => s.bars)));
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    killChildren();
    process.exit(1);
  });
