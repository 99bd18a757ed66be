/**
 * Scenario 1 — overhead. The same campaign list several ways, interleaved:
 *   direct        client → Woodpecker simulator      GET /rest/v1/campaign_list
 *   bare proxy    client → bare node:http proxy → simulator (the floor of one Node hop)
 *   Apollo floor  client → stock Apollo 5 + Express, one undici resolver → simulator (the floor of a GraphQL hop)
 *   BFF           client → BFF POST /graphql { campaigns { id name status } } → simulator (campaign cache off)
 * at concurrency 1 and 32, simulator latency 0 and 20 ms.
 */
import { expectBytes, gql, once, type Target } from '../lib/load';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, type BffProcess, processCpuMs, type SimProcess, startBenchServer, startBff, startSimProcess } from '../lib/rig';
import { interleave, type PathSpec, type PathSummary } from '../lib/rounds';
import { settings } from '../lib/settings';
import { fmt } from '../lib/stats';

const QUERY = '{ campaigns { id name status } }';
/** One simulator key per load-generator connection (see the note in the section). */
const CONNECTION_KEYS = Array.from({ length: 32 }, (_, i) => `bench-connection-key-${String(i + 1).padStart(2, '0')}`);

interface Cell {
  latencyMs: number;
  connections: number;
  summaries: Map<string, PathSummary>;
}

export async function overhead(log: (line: string) => void): Promise<Section> {
  const sims = await startSimProcess({ seed: 7, latencyMs: 0, woodpecker: { maxQueue: 64, extraApiKeys: CONNECTION_KEYS } });
  const started: { stop(): Promise<void> }[] = [sims.proc];
  try {
    const cacheOff = {
      CAMPAIGN_CACHE_TTL_SECONDS: '0',
      WOODPECKER_REQUESTS_PER_MINUTE: '0',
      UPSTREAM_QUEUE_MAX: '10000',
    };
    const bff1 = await startBff('overhead-mc1', bffEnv(sims, { ...cacheOff, WOODPECKER_MAX_CONCURRENCY: '1' }));
    started.push(bff1);
    const bff32 = await startBff('overhead-mc32', bffEnv(sims, { ...cacheOff, WOODPECKER_MAX_CONCURRENCY: '32' }));
    started.push(bff32);
    const proxy = await startBenchServer('bare-proxy', { UPSTREAM: new URL(sims.woodpeckerUrl).origin });
    started.push(proxy);
    const apolloFloor = await startBenchServer('apollo-proxy', { UPSTREAM: sims.woodpeckerUrl, KEY: sims.woodpeckerKey });
    started.push(apolloFloor);

    const verified = await verifyCacheOff(sims, bff1);
    log(`  campaign cache with CAMPAIGN_CACHE_TTL_SECONDS=0: ${verified}`);

    const directOrigin = new URL(sims.woodpeckerUrl).origin;
    const restPath = `${new URL(sims.woodpeckerUrl).pathname}/v1/campaign_list`;
    const directBody = (await once(directOrigin, { method: 'GET', path: restPath, headers: { 'x-api-key': sims.woodpeckerKey } })).body;
    const bffBody = (await once(bff1.url, { method: 'POST', path: '/graphql', body: gql(QUERY) })).body;
    if (!bffBody.startsWith('{"data":{"campaigns":[{')) throw new Error(`unexpected BFF body: ${bffBody}`);
    const floorBody = (await once(apolloFloor.url, { method: 'POST', path: '/graphql', body: gql(QUERY) })).body;
    if (floorBody !== bffBody) throw new Error(`the Apollo floor answers different bytes:\n${floorBody}\nvs\n${bffBody}`);

    const restTarget = (name: string, origin: string, keys: readonly string[]): Target => ({
      name,
      origin,
      method: 'GET',
      path: restPath,
      perConnectionHeader: { name: 'x-api-key', values: keys },
      check: expectBytes(directBody),
    });
    const bffTarget = (name: string, bff: BffProcess): Target => ({
      name,
      origin: bff.url,
      method: 'POST',
      path: '/graphql',
      body: gql(QUERY),
      check: expectBytes(bffBody),
    });

    const cells: Cell[] = [];
    let firstCell = true;
    for (const latencyMs of [0, 20]) {
      await sims.woodpecker.configure({ latencyMs });
      for (const connections of [1, 32]) {
        // c=1 uses the real key; c=32 gives each connection its own key so the simulator's one-at-a-time queue per
        // key (Woodpecker's model) does not serialise the baselines.
        const keys = connections === 1 ? [sims.woodpeckerKey] : CONNECTION_KEYS;
        const paths: PathSpec[] = [
          { target: restTarget('direct', directOrigin, keys) },
          { target: restTarget('bare proxy', proxy.url, keys), serverCpuMs: proxy.cpuMs },
          {
            target: { ...bffTarget('Apollo floor', bff1), origin: apolloFloor.url, perConnectionHeader: { name: 'x-api-key', values: keys } },
            serverCpuMs: apolloFloor.cpuMs,
          },
          { target: bffTarget('BFF (max conc. 1)', bff1), serverCpuMs: bff1.cpuMs },
          ...(connections > 1 ? [{ target: bffTarget('BFF (max conc. 32)', bff32), serverCpuMs: bff32.cpuMs }] : []),
        ];
        log(`  cell: simulator latency ${latencyMs} ms, concurrency ${connections}`);
        const summaries = await interleave(paths, {
          connections,
          rounds: settings.rounds,
          roundSeconds: settings.roundSeconds,
          warmupSeconds: firstCell ? settings.warmupSeconds : Math.min(1, settings.warmupSeconds),
          upstreamCalls: async () => (await sims.woodpecker.stats()).byRoute.campaign_list ?? 0,
          upstreamCpuMs: () => processCpuMs(sims.proc.pid),
          log,
        });
        firstCell = false;
        cells.push({ latencyMs, connections, summaries });
      }
    }
    const wpStats = await sims.woodpecker.stats();
    return render(cells, { directBytes: Buffer.byteLength(directBody), bffBytes: Buffer.byteLength(bffBody), verified, maxConcurrentPerKey: wpStats.maxConcurrentPerKey ?? 0 }, log);
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}

/** Two sequential queries must each reach Woodpecker: TTL 0 stores nothing (MemoryCacheStore.set skips ttl ≤ 0). */
async function verifyCacheOff(sims: SimProcess, bff: BffProcess): Promise<string> {
  const before = (await sims.woodpecker.stats()).byRoute.campaign_list ?? 0;
  for (let i = 0; i < 3; i++) await once(bff.url, { method: 'POST', path: '/graphql', body: gql(QUERY) });
  const calls = ((await sims.woodpecker.stats()).byRoute.campaign_list ?? 0) - before;
  if (calls !== 3) throw new Error(`the campaign cache is not off: 3 sequential queries made ${calls} upstream calls`);
  return '3 sequential queries → 3 upstream calls (no caching)';
}

function render(
  cells: Cell[],
  info: { directBytes: number; bffBytes: number; verified: string; maxConcurrentPerKey: number },
  log: (line: string) => void,
): Section {
  const header = ['sim latency', 'c', 'path', 'p50 ms', 'p99 ms', 'p50 IQR', 'req/s', 'server CPU ms/req', 'upstream calls/req', 'loadgen+sim core', 'other load', 'valid'];
  const rows: string[][] = [];
  const deltaHeader = ['sim latency', 'c', 'GraphQL path', 'Δp50 vs proxy ms', 'Δp99 vs proxy ms', 'Δp50 vs direct ms', 'p50 ratio BFF/direct', 'p99 ratio BFF/direct', 'p50 ratio BFF/proxy'];
  const deltaRows: string[][] = [];
  const bars: Bar[] = [];
  for (const cell of cells) {
    const direct = cell.summaries.get('direct')!;
    const proxy = cell.summaries.get('bare proxy')!;
    for (const s of cell.summaries.values()) {
      rows.push([
        `${cell.latencyMs} ms`,
        String(cell.connections),
        s.name,
        s.void ? 'VOID' : fmt.ms(s.p50, 3),
        s.void ? 'VOID' : fmt.ms(s.p99, 3),
        fmt.ms(s.p50Iqr, 3),
        fmt.int(s.rps),
        fmt.ms(s.serverCpuPerRequestMs, 3),
        fmt.ms(s.upstreamCallsPerRequest, 3),
        `${fmt.pct(s.rigCore, 0)}${s.rigCore >= 0.9 ? ' (rig-bound)' : ''}`,
        fmt.pct(s.foreign, 0),
        s.void ? `NO (${s.invalid} invalid, ${s.errors} errors)` : 'all',
      ]);
    }
    for (const s of cell.summaries.values()) {
      if (!s.name.startsWith('BFF') && s.name !== 'Apollo floor') continue;
      const dp50 = s.p50 - proxy.p50;
      const dp99 = s.p99 - proxy.p99;
      deltaRows.push([
        `${cell.latencyMs} ms`,
        String(cell.connections),
        s.name,
        fmt.signedMs(dp50, 3),
        fmt.signedMs(dp99, 3),
        fmt.signedMs(s.p50 - direct.p50, 3),
        fmt.ratio(s.p50 / direct.p50),
        fmt.ratio(s.p99 / direct.p99),
        fmt.ratio(s.p50 / proxy.p50),
      ]);
      if (cell.connections === 1 && s.name.startsWith('BFF')) {
        const voided = s.void || proxy.void;
        bars.push({
          bar: `overhead over bare Node hop, c=1, sim latency ${cell.latencyMs} ms: Δp50 ≤ 0.5 ms`,
          measured: voided ? 'VOID' : `${fmt.ms(dp50, 3)} ms`,
          holds: voided ? undefined : dp50 <= 0.5,
        });
        bars.push({
          bar: `overhead over bare Node hop, c=1, sim latency ${cell.latencyMs} ms: Δp99 ≤ 2 ms`,
          measured: voided ? 'VOID' : `${fmt.ms(dp99, 3)} ms`,
          holds: voided ? undefined : dp99 <= 2,
        });
      }
    }
  }
  log('');
  log(consoleTable(header, rows));
  log('');
  log(consoleTable(deltaHeader, deltaRows));
  const markdown = [
    `Same data four ways; responses validated byte for byte (direct/proxy: ${info.directBytes} B Woodpecker JSON; Apollo floor/BFF: ${info.bffBytes} B GraphQL JSON).`,
    '"Apollo floor" is stock Apollo Server 5 + expressMiddleware whose one resolver reads the list with undici and maps it (no auth, limits,',
    'logging, resilience or cache): the least a GraphQL hop on this stack costs, so BFF − Apollo floor is what our own layers add.',
    `BFF: \`NODE_ENV=production\`, compiled build, \`CAMPAIGN_CACHE_TTL_SECONDS=0\` (${info.verified}), \`WOODPECKER_REQUESTS_PER_MINUTE=0\`,`,
    '`UPSTREAM_QUEUE_MAX=10000`, per-client limits raised (the directives still run), access log on (to a file).',
    `Closed loop (autocannon, no pipelining), ${settings.rounds} interleaved rounds × ${settings.roundSeconds} s per path after a warm-up;`,
    'p50/p99 are medians of the round percentiles; CPU is the serving process\'s CPU time (all threads, /proc schedstat) ÷ valid responses.',
    '',
    table(header, rows),
    '',
    table(deltaHeader, deltaRows),
    '',
    '**Reading the c=32 rows.** "BFF (max conc. 1)" is the production setting (`WOODPECKER_MAX_CONCURRENCY=1`);',
    '"BFF (max conc. 32)" lets the gate send 32 at once to isolate the hop cost. At c=32 the direct and proxy clients use one',
    'simulator key per connection (the Apollo floor forwards the client\'s key), so the simulator\'s one-request-at-a-time-per-key',
    'queue (Woodpecker\'s model) does not serialise the baselines; they forward up to 32 upstream calls at once. The BFF is **not** comparable call-for-call at c=32:',
    'concurrent `campaigns` reads share one in-flight load (`CampaignCache.all` joins the load under way even with TTL 0, and the',
    'runtime coalesces identical GETs), so it makes fewer upstream calls than it serves requests — see "upstream calls/req".',
    'With max conc. 32 nothing changes for this query: there is never more than one campaign-list load in flight to parallelise.',
    `Woodpecker simulator maxConcurrentPerKey over the whole scenario: ${info.maxConcurrentPerKey} (the baselines use their own keys).`,
    '"loadgen+sim core" is the CPU share of core 0 (load generator + simulator); ≥ 90% marks a rig-bound figure. "other load" is CPU',
    'used by processes outside the rig during the rounds (share of both cores, /proc/stat): the noise floor of this shared machine.',
  ].join('\n');
  return { id: 'overhead', title: '1. Overhead: direct vs bare Node hop vs Apollo floor vs BFF (`campaigns`, cache off)', markdown, bars };
}
