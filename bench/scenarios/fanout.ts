/**
 * Scenario 3 — fan-out. `prospects(perPage: 100) { items { id email campaigns { id name status } } }` over pages whose
 * 100 prospects reference K = 1, 10 and 100 distinct campaigns, Woodpecker latency 20 ms. Upstream calls per query
 * cold (first query after the campaign cache expired) and warm, and latency of each.
 */
import { generateSeedData } from '../../src/simulators/woodpecker/seed-data';
import { closedLoop, gql, once } from '../lib/load';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, type BffProcess, type SimProcess, sleep, startBff, startSimProcess } from '../lib/rig';
import { settings } from '../lib/settings';
import { fmt, median, percentile, sortedCopy, sum } from '../lib/stats';

const SEED = 7;
const PROSPECTS = 300;
const LATENCY_MS = 20;
const QUERY = '{ prospects(perPage: 100) { items { id email campaigns { id name status } } } }';
const COLD_SAMPLES = 4;
const WARM_WINDOWS = 3;
/** The campaign cache TTL in this scenario: short, so "cold" can be sampled again in a warmed-up process. */
const TTL_SECONDS = 2;

/** Distinct campaigns the first page (100 prospects, id order) references, from the simulator's seeded data. */
function distinctOnFirstPage(campaignCount: number): number {
  const data = generateSeedData(SEED, { campaignCount, prospectCount: PROSPECTS });
  const firstPage = new Set(data.prospects.slice(0, 100).map((p) => p.id));
  return new Set(data.enrolments.filter((e) => firstPage.has(e.prospectId)).map((e) => e.campaignId)).size;
}

/** The smallest campaignCount whose first page references exactly `k` campaigns (the seed spreads enrolments). */
function campaignCountFor(k: number): number {
  for (let count = k; count <= k + 80; count++) if (distinctOnFirstPage(count) === k) return count;
  throw new Error(`no campaignCount gives exactly ${k} campaigns on the first page`);
}

function validPage(status: number, body: string): string | undefined {
  if (status !== 200) return `status ${status}`;
  if (body.includes('"errors"')) return 'GraphQL errors';
  if (!body.startsWith('{"data":{"prospects":{"items":[')) return 'unexpected shape';
  const items = body.split('"email":').length - 1;
  return items === 100 ? undefined : `${items} items instead of 100`;
}

interface KResult {
  k: number;
  campaignCount: number;
  measuredK: number;
  coldCalls: number[];
  coldMs: number[];
  warmCallsPerQuery: number;
  warmP50: number;
  warmP99: number;
  warmQueries: number;
  directP50: number;
  invalid: number;
  invalidExample?: string;
}

export async function fanout(log: (line: string) => void): Promise<Section> {
  const sims = await startSimProcess({ seed: SEED, latencyMs: LATENCY_MS, woodpecker: { prospectCount: PROSPECTS } });
  const results: KResult[] = [];
  try {
    for (const k of [1, 10, 100]) {
      const campaignCount = campaignCountFor(k);
      await sims.woodpecker.configure({ campaignCount, prospectCount: PROSPECTS });
      await sims.woodpecker.reset(true);
      log(`  K=${k}: simulator campaignCount=${campaignCount}`);
      // The Woodpecker per-minute budget (default 100) would pace the warm loop; quotas are the burst scenario's subject.
      const bff = await startBff(
        `fanout-k${k}`,
        bffEnv(sims, { CAMPAIGN_CACHE_TTL_SECONDS: String(TTL_SECONDS), WOODPECKER_REQUESTS_PER_MINUTE: '0' }),
      );
      try {
        results.push(await measureK(k, campaignCount, sims, bff, log));
      } finally {
        await bff.stop();
      }
    }
  } finally {
    await sims.proc.stop();
  }
  return render(results, log);
}

async function woodpeckerCalls(sims: SimProcess): Promise<number> {
  return (await sims.woodpecker.stats()).requests;
}

async function measureK(k: number, campaignCount: number, sims: SimProcess, bff: BffProcess, log: (line: string) => void): Promise<KResult> {
  const body = gql(QUERY);
  const target = { name: `fan-out K=${k}`, origin: bff.url, method: 'POST' as const, path: '/graphql', body, check: validPage };
  // JIT warm-up of the whole path (mixed cold and warm queries).
  await closedLoop(target, { connections: 1, seconds: Math.min(2, settings.warmupSeconds) });

  const first = await once(bff.url, { method: 'POST', path: '/graphql', body });
  const page = JSON.parse(first.body) as { data: { prospects: { items: { campaigns: { id: string }[] }[] } } };
  const measuredK = new Set(page.data.prospects.items.flatMap((p) => p.campaigns.map((c) => c.id))).size;

  const coldCalls: number[] = [];
  const coldMs: number[] = [];
  let invalid = 0;
  let invalidExample: string | undefined;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    await sleep(TTL_SECONDS * 1000 + 100);
    const before = await woodpeckerCalls(sims);
    const answer = await once(bff.url, { method: 'POST', path: '/graphql', body });
    coldCalls.push((await woodpeckerCalls(sims)) - before);
    coldMs.push(answer.ms);
    const verdict = validPage(answer.status, answer.body);
    if (verdict) {
      invalid++;
      invalidExample ??= verdict;
    }
  }

  const warmLatencies: number[] = [];
  let warmCalls = 0;
  let warmQueries = 0;
  for (let w = 0; w < WARM_WINDOWS; w++) {
    await sleep(TTL_SECONDS * 1000 + 100);
    await once(bff.url, { method: 'POST', path: '/graphql', body }); // refills the cache (cold; not counted)
    const before = await woodpeckerCalls(sims);
    // Sequential queries well inside the TTL, so every one finds the campaign list cached; none is left in
    // flight when the window ends, so calls per query are exact.
    const until = performance.now() + TTL_SECONDS * 500;
    while (performance.now() < until) {
      const answer = await once(bff.url, { method: 'POST', path: '/graphql', body });
      const verdict = validPage(answer.status, answer.body);
      if (verdict) {
        invalid++;
        invalidExample ??= verdict;
      } else warmLatencies.push(answer.ms);
      warmQueries++;
    }
    warmCalls += (await woodpeckerCalls(sims)) - before;
  }
  // The same page straight from the simulator: what the upstream alone takes (BFF warm − this = the BFF's work).
  const origin = new URL(sims.woodpeckerUrl).origin;
  const pagePath = `${new URL(sims.woodpeckerUrl).pathname}/v1/prospects?page=1&per_page=100&campaigns_details=true`;
  const direct: number[] = [];
  for (let i = 0; i < 30; i++) {
    const answer = await once(origin, { method: 'GET', path: pagePath, headers: { 'x-api-key': sims.woodpeckerKey } });
    if (answer.status === 200) direct.push(answer.ms);
  }
  const sorted = sortedCopy(warmLatencies);
  const result: KResult = {
    k,
    campaignCount,
    measuredK,
    coldCalls,
    coldMs,
    warmCallsPerQuery: warmCalls / warmQueries,
    warmP50: percentile(sorted, 50),
    warmP99: percentile(sorted, 99),
    warmQueries,
    directP50: median(direct),
    invalid,
    invalidExample,
  };
  log(
    `    distinct campaigns ${measuredK}; cold calls ${coldCalls.join(',')} (${coldMs.map((m) => m.toFixed(1)).join(', ')} ms); ` +
      `warm ${result.warmCallsPerQuery.toFixed(3)} calls/query over ${warmQueries} queries, p50 ${result.warmP50.toFixed(2)} ms; invalid ${invalid}`,
  );
  return result;
}

function render(results: KResult[], log: (line: string) => void): Section {
  const header = ['K distinct campaigns', 'cold calls/query (max)', 'cold p50 ms', 'warm calls/query', 'warm p50 ms', 'warm p99 ms', 'warm queries', 'page direct from sim p50 ms', 'valid'];
  const rows = results.map((r) => [
    `${r.measuredK} (campaignCount ${r.campaignCount})`,
    `${median(r.coldCalls)} (${Math.max(...r.coldCalls)})`,
    fmt.ms(median(r.coldMs), 1),
    fmt.ms(r.warmCallsPerQuery, 3),
    fmt.ms(r.warmP50, 2),
    fmt.ms(r.warmP99, 2),
    String(r.warmQueries),
    fmt.ms(r.directP50, 2),
    r.invalid === 0 ? 'all' : `NO (${r.invalid}: ${r.invalidExample ?? ''})`,
  ]);
  log('');
  log(consoleTable(header, rows));
  const worstCold = Math.max(...results.flatMap((r) => r.coldCalls));
  const anyInvalid = sum(results.map((r) => r.invalid)) > 0;
  const hundred = results.find((r) => r.k === 100)!;
  const bars: Bar[] = [
    {
      bar: '100 prospects with their campaigns: ≤ 2 upstream calls cold',
      measured: anyInvalid ? 'VOID' : `${Math.max(...hundred.coldCalls)} (K=${hundred.measuredK}); worst over all K: ${worstCold}`,
      holds: anyInvalid ? undefined : worstCold <= 2,
    },
  ];
  const markdown = [
    `Woodpecker simulator latency ${LATENCY_MS} ms per call, 300 prospects, seed ${SEED}; campaignCount chosen so the first page's 100 prospects`,
    `reference exactly K campaigns (checked in the response). BFF production settings (Woodpecker max concurrency 1) except`,
    '`WOODPECKER_REQUESTS_PER_MINUTE=0` (its default 100/min would pace the warm loop: quotas are scenario 4\'s subject),',
    `\`CAMPAIGN_CACHE_TTL_SECONDS=${TTL_SECONDS}\` so the process stays warm while the cache goes cold: a cold sample is one query`,
    `${TTL_SECONDS * 1000 + 100} ms after the last (${COLD_SAMPLES} samples); warm samples are sequential queries inside the TTL (${WARM_WINDOWS} windows of ${TTL_SECONDS * 500} ms).`,
    'Calls are counted by the simulator (all routes). "page direct" is the same Woodpecker page (`campaigns_details=true`) fetched',
    'straight from the simulator: warm p50 minus it is what the BFF spends on the page (parse, map, 100 × `campaigns`, serialise).',
    '',
    table(header, rows),
    '',
    `Targets beyond the bars (docs/performance.md): cold = 2 calls, warm = 1; p50 ≤ 2d + 2 = ${2 * LATENCY_MS + 2} ms cold, ≤ d + 2 = ${LATENCY_MS + 2} ms warm.`,
  ].join('\n');
  return { id: 'fanout', title: '3. Fan-out: 100 prospects with their campaigns', markdown, bars };
}
