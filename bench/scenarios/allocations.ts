/**
 * npm run bench:allocations — bytes the BFF allocates and promotes per request, from V8's own GC trace
 * (`--trace-gc-nvp`: each collection reports what was allocated since the previous one and what it promoted).
 * Two loads, as the profile: `campaigns` with the cache off at c=1 (the overhead path) and warm at c=50 (the
 * cached path). Only collections logged during the measured window count; the window holds hundreds of them, so
 * the collections straddling its edges move the figure by well under 1%.
 */
import { readFileSync, statSync } from 'node:fs';
import { closedLoop, expectGraphQL, gql, once } from '../lib/load';
import { consoleTable, type Section, table } from '../lib/report';
import { bffEnv, startBff, startSimProcess } from '../lib/rig';
import { fmt } from '../lib/stats';

const QUERY = '{ campaigns { id name status } }';
const SECONDS = Number(process.env.BENCH_ALLOCATION_SECONDS ?? 8);
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

interface GcTotals {
  collections: number;
  scavenges: number;
  allocated: number;
  promoted: number;
  pauseMs: number;
  maxScavengeMs: number;
}

function gcTotals(text: string): GcTotals {
  const totals: GcTotals = { collections: 0, scavenges: 0, allocated: 0, promoted: 0, pauseMs: 0, maxScavengeMs: 0 };
  for (const line of text.split('\n')) {
    const allocated = /\ballocated=(\d+)/.exec(line);
    if (!allocated) continue;
    const pause = Number(/\bpause=([\d.]+)/.exec(line)?.[1] ?? 0);
    totals.collections++;
    totals.allocated += Number(allocated[1]);
    totals.promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
    totals.pauseMs += pause;
    if (/\bgc=s\b/.test(line)) {
      totals.scavenges++;
      totals.maxScavengeMs = Math.max(totals.maxScavengeMs, pause);
    }
  }
  return totals;
}

interface Row {
  load: string;
  requests: number;
  totals: GcTotals;
}

export async function allocations(log: (line: string) => void): Promise<Section> {
  const sims = await startSimProcess({ seed: 7, latencyMs: 0 });
  const rows: Row[] = [];
  try {
    const loads: { load: string; env: Record<string, string>; connections: number }[] = [
      // As the overhead scenario: every read reaches Woodpecker, whose simulated per-minute limit is off.
      { load: 'cache off, c=1', env: { CAMPAIGN_CACHE_TTL_SECONDS: '0', WOODPECKER_REQUESTS_PER_MINUTE: '0' }, connections: 1 },
      { load: 'cache warm, c=50', env: { CAMPAIGN_CACHE_TTL_SECONDS: '300' }, connections: 50 },
    ];
    for (const { load, env, connections } of loads) {
      const bff = await startBff(`alloc-${connections}`, bffEnv(sims, env), ['--trace-gc', '--trace-gc-nvp', ...NODE_ARGS]);
      try {
        const target = { name: load, origin: bff.url, method: 'POST' as const, path: '/graphql', body: gql(QUERY), check: expectGraphQL() };
        await once(bff.url, { method: 'POST', path: '/graphql', body: gql(QUERY) });
        await closedLoop(target, { connections, seconds: 2 });
        const from = statSync(bff.proc.logFile).size;
        const run = await closedLoop(target, { connections, seconds: SECONDS });
        const text = readFileSync(bff.proc.logFile, 'utf8').slice(from);
        rows.push({ load, requests: run.responses, totals: gcTotals(text) });
        log(`  ${load}: ${run.responses} responses, ${fmt.int(run.rps)} req/s`);
      } finally {
        await bff.stop();
      }
    }
  } finally {
    await sims.proc.stop();
  }
  const header = ['load', 'requests', 'KB allocated/req', 'KB promoted/req', 'GCs (scavenges)', 'GC pause ms/req', 'max scavenge ms'];
  const body = rows.map(({ load, requests, totals }) => [
    load,
    fmt.int(requests),
    (totals.allocated / requests / 1024).toFixed(1),
    (totals.promoted / requests / 1024).toFixed(2),
    `${totals.collections} (${totals.scavenges})`,
    (totals.pauseMs / requests).toFixed(3),
    totals.maxScavengeMs.toFixed(1),
  ]);
  log('');
  log(consoleTable(header, body));
  const markdown = [
    `\`campaigns\`, ${SECONDS} s per load after a 2 s warm-up; BFF under \`--trace-gc-nvp\`${NODE_ARGS.length ? ` ${NODE_ARGS.join(' ')}` : ''}.`,
    '',
    table(header, body),
  ].join('\n');
  return { id: 'allocations', title: 'Allocations per request', markdown, bars: [] };
}
