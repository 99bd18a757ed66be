/**
 * Scenario 2 — cached reads. `campaigns` with a warm campaign cache against
 *   R1: a bare Express 5 route sending the BFF's exact response bytes, and
 *   R2: stock Apollo Server 5 (expressMiddleware) with an in-memory resolver returning the same data,
 * closed loop at c=50, interleaved. Woodpecker must see 0 calls while the BFF is measured.
 */
import { expectBytes, gql, once, type Target } from '../lib/load';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, processCpuMs, startBenchServer, startBff, startSimProcess } from '../lib/rig';
import { interleave } from '../lib/rounds';
import { settings } from '../lib/settings';
import { fmt, sum } from '../lib/stats';

const QUERY = '{ campaigns { id name status } }';
const CONNECTIONS = 50;

export async function cached(log: (line: string) => void): Promise<Section> {
  const sims = await startSimProcess({ seed: 7, latencyMs: 0 });
  const started: { stop(): Promise<void> }[] = [sims.proc];
  try {
    const bff = await startBff('cached', bffEnv(sims, { CAMPAIGN_CACHE_TTL_SECONDS: '300' }));
    started.push(bff);
    const body = (await once(bff.url, { method: 'POST', path: '/graphql', body: gql(QUERY) })).body;
    const data = (JSON.parse(body) as { data: { campaigns: unknown[] } }).data.campaigns;
    const express = await startBenchServer('bare-express', { BODY: body });
    started.push(express);
    const apollo = await startBenchServer('stock-apollo', { CAMPAIGNS: JSON.stringify(data) });
    started.push(apollo);
    const apolloBody = (await once(apollo.url, { method: 'POST', path: '/graphql', body: gql(QUERY) })).body;
    if (apolloBody !== body) throw new Error(`stock Apollo answers different bytes:\n${apolloBody}\nvs\n${body}`);

    const target = (name: string, origin: string): Target => ({
      name,
      origin,
      method: 'POST',
      path: '/graphql',
      body: gql(QUERY),
      check: expectBytes(body),
    });
    const paths = [
      { target: target('BFF (cache warm)', bff.url), serverCpuMs: bff.cpuMs },
      { target: target('R1 bare Express route', express.url), serverCpuMs: express.cpuMs },
      { target: target('R2 stock Apollo 5', apollo.url), serverCpuMs: apollo.cpuMs },
    ];
    // Upstream calls are counted around every round of every path; only the BFF could make any.
    const options = {
      rounds: settings.rounds,
      roundSeconds: settings.roundSeconds,
      upstreamCalls: async () => (await sims.woodpecker.stats()).requests,
      upstreamCpuMs: () => processCpuMs(sims.proc.pid),
      log,
    };
    log(`  cell: concurrency ${CONNECTIONS}`);
    const summaries = await interleave(paths, { ...options, connections: CONNECTIONS, warmupSeconds: settings.warmupSeconds });
    // The same three at c=1: what each stack costs per request when requests do not overlap (latency, not throughput).
    log('  cell: concurrency 1');
    const single = await interleave(paths, { ...options, connections: 1, warmupSeconds: Math.min(1, settings.warmupSeconds) });
    const b = summaries.get('BFF (cache warm)')!;
    const r1 = summaries.get('R1 bare Express route')!;
    const r2 = summaries.get('R2 stock Apollo 5')!;
    const bffUpstreamCalls = sum([...b.rounds, ...single.get('BFF (cache warm)')!.rounds].map((r) => r.upstreamCalls));
    const s1 = ['BFF (cache warm)', 'R1 bare Express route', 'R2 stock Apollo 5'].map((n) => single.get(n)!);
    const singleHeader = ['server (c=1)', 'p50 ms', 'p99 ms', 'Δp50 vs R1 ms', 'req/s', 'server CPU ms/req', 'other load', 'valid'];
    const singleRows = s1.map((s) => [
      s.name,
      s.void ? 'VOID' : fmt.ms(s.p50, 3),
      s.void ? 'VOID' : fmt.ms(s.p99, 3),
      fmt.signedMs(s.p50 - s1[1]!.p50, 3),
      fmt.int(s.rps),
      fmt.ms(s.serverCpuPerRequestMs, 3),
      fmt.pct(s.foreign, 0),
      s.void ? `NO (${s.invalid} invalid, ${s.errors} errors)` : 'all',
    ]);

    const header = ['server', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'req/s vs R1', 'req/s vs R2', 'p99 vs R1', 'loadgen core', 'other load', 'valid'];
    const rows = [b, r1, r2].map((s) => [
      s.name,
      s.void ? 'VOID' : fmt.int(s.rps),
      fmt.ms(s.p50, 3),
      fmt.ms(s.p99, 3),
      fmt.ms(s.serverCpuPerRequestMs, 3),
      fmt.ratio(s.rps / r1.rps),
      fmt.ratio(s.rps / r2.rps),
      fmt.ratio(s.p99 / r1.p99),
      `${fmt.pct(s.rigCore, 0)}${s.rigCore >= 0.9 ? ' (rig-bound)' : ''}`,
      fmt.pct(s.foreign, 0),
      s.void ? `NO (${s.invalid} invalid, ${s.errors} errors)` : 'all',
    ]);
    log('');
    log(consoleTable(header, rows));
    log('');
    log(consoleTable(singleHeader, singleRows));
    log(`  Woodpecker calls during the BFF rounds: ${bffUpstreamCalls}`);

    const voided = b.void || r1.void;
    const bars: Bar[] = [
      {
        bar: 'cached `campaigns` throughput ≥ 0.8× bare Express route (c=50)',
        measured: voided ? 'VOID' : `${fmt.ratio(b.rps / r1.rps)} (${fmt.int(b.rps)} vs ${fmt.int(r1.rps)} req/s)`,
        holds: voided ? undefined : b.rps / r1.rps >= 0.8,
      },
      {
        bar: 'cached `campaigns`: 0 upstream calls during the measured window',
        measured: String(bffUpstreamCalls),
        holds: bffUpstreamCalls === 0,
      },
    ];
    const markdown = [
      `Closed loop c=${CONNECTIONS} (and c=1 below), ${settings.rounds} interleaved rounds × ${settings.roundSeconds} s per server after a warm-up; every response`,
      `compared byte for byte with the BFF's (${Buffer.byteLength(body)} B). BFF: production settings, campaign cache TTL 300 s (warm),`,
      'per-client read limit raised (the directive still runs), access log on. All three servers run alone on the server core, one at a time.',
      '',
      table(header, rows),
      '',
      'The same three servers at c=1 (no overlap between requests: the per-request cost of each stack, as latency):',
      '',
      table(singleHeader, singleRows),
      '',
      `Woodpecker calls while the BFF was measured: **${bffUpstreamCalls}**. Targets beyond the bars (docs/performance.md):`,
      `≥ 2.0× R2 req/s (measured ${fmt.ratio(b.rps / r2.rps)}), p99 ≤ 2× R1's (measured ${fmt.ratio(b.p99 / r1.p99)}).`,
    ].join('\n');
    return { id: 'cached', title: '2. Cached reads: BFF vs bare Express route vs stock Apollo', markdown, bars };
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}
