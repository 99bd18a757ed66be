/**
 * npm run bench:profile — where the BFF's CPU goes. Runs the BFF under `node --cpu-prof` for two loads (the overhead
 * path: `campaigns` with the cache off at c=1; the cached path: `campaigns` warm at c=50), then summarises self time
 * by function and by package. Profiles (.cpuprofile, loadable in Chrome DevTools) stay in the scratch directory.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closedLoop, expectBytes, gql, once } from '../lib/load';
import { consoleTable, type Section, table } from '../lib/report';
import { bffEnv, scratchDir, startBff, startSimProcess } from '../lib/rig';
import { fmt } from '../lib/stats';

const QUERY = '{ campaigns { id name status } }';
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now on the monotonic clock in µs: the clock V8 stamps profile samples with, so the measured window can be cut out. */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Which package (or part of Node) a frame belongs to. */
function ownerOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:internal/')) return `node:internal/${url.slice('node:internal/'.length).split('/').slice(0, -1).join('/') || url.slice('node:internal/'.length)}`;
  if (url.startsWith('node:')) return url;
  const src = url.indexOf('/dist/src/');
  if (src !== -1) return `bff: src/${url.slice(src + '/dist/src/'.length).split('/').slice(0, -1).join('/') || '.'}`;
  return url;
}

interface Summary {
  busyMs: number;
  totalMs: number;
  requests: number;
  windowed: boolean;
  topFunctions: { name: string; where: string; owner: string; ms: number; share: number }[];
  byOwner: { owner: string; ms: number; share: number }[];
  inclusive: { name: string; where: string; ms: number; share: number }[];
}

function keyOf(node: ProfileNode): { key: string; name: string; where: string } {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  const short = url ? url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '') : '';
  const where = short ? `${short}:${lineNumber + 1}` : '';
  return { key: `${name}@${where}`, name, where };
}

/** Frames every request passes through on its way in; their inclusive time says nothing new. */
const PLUMBING = new Set(['(root)', 'processTicksAndRejections', 'runMicrotasks', 'listOnTimeout', 'processTimers', 'emit', 'next', 'handle', '(anonymous)']);

function summarise(file: string, requests: number, window: { fromUs: number; toUs: number }): Summary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  // Sample i happened at startTime + Σ deltas[0..i]; it stands for the time until the next sample.
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) stamps.push((t += delta));
  const inWindow = stamps.filter((s) => s >= window.fromUs && s <= window.toUs).length;
  const windowed = inWindow > 100;
  const selfUs = new Map<number, number>();
  const inclusiveUs = new Map<string, { name: string; where: string; us: number }>();
  for (let i = 0; i < profile.samples.length; i++) {
    if (windowed && (stamps[i]! < window.fromUs || stamps[i]! > window.toUs)) continue;
    const id = profile.samples[i]!;
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
    if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at)!);
      if (seen.has(k.key)) continue;
      seen.add(k.key);
      const entry = inclusiveUs.get(k.key) ?? { name: k.name, where: k.where, us: 0 };
      entry.us += us;
      inclusiveUs.set(k.key, entry);
    }
  }
  const fnTotals = new Map<string, { name: string; where: string; owner: string; us: number }>();
  const ownerTotals = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    total += us;
    if (functionName === '(idle)') continue;
    busy += us;
    const { key, name, where } = keyOf(node);
    const owner = ownerOf(url, name);
    const entry = fnTotals.get(key) ?? { name, where, owner, us: 0 };
    entry.us += us;
    fnTotals.set(key, entry);
    ownerTotals.set(owner, (ownerTotals.get(owner) ?? 0) + us);
  }
  return {
    busyMs: busy / 1000,
    totalMs: total / 1000,
    requests,
    windowed,
    inclusive: [...inclusiveUs.values()]
      .filter((f) => !PLUMBING.has(f.name))
      .sort((a, b) => b.us - a.us)
      .slice(0, 30)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: f.us / busy })),
    topFunctions: [...fnTotals.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 20)
      .map((f) => ({ name: f.name, where: f.where, owner: f.owner, ms: f.us / 1000, share: f.us / busy })),
    byOwner: [...ownerTotals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([owner, us]) => ({ owner, ms: us / 1000, share: us / busy })),
  };
}

export async function profile(log: (line: string) => void): Promise<Section> {
  const sims = await startSimProcess({ seed: 7, latencyMs: 0 });
  const parts: string[] = [];
  try {
    for (const load of [
      { name: 'overhead-c1', ttl: '0', connections: 1, title: '`campaigns`, cache off (every request calls Woodpecker), c=1' },
      { name: 'cached-c50', ttl: '300', connections: 50, title: '`campaigns`, cache warm, c=50' },
    ]) {
      const dir = path.join(scratchDir(), `profile-${load.name}`);
      mkdirSync(dir, { recursive: true });
      const bff = await startBff(`profile-${load.name}`, bffEnv(sims, { CAMPAIGN_CACHE_TTL_SECONDS: load.ttl, WOODPECKER_REQUESTS_PER_MINUTE: '0' }), [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        '--cpu-prof-interval=200',
      ]);
      let requests = 0;
      let window = { fromUs: 0, toUs: 0 };
      try {
        const body = (await once(bff.url, { method: 'POST', path: '/graphql', body: gql(QUERY) })).body;
        const target = { name: load.name, origin: bff.url, method: 'POST' as const, path: '/graphql', body: gql(QUERY), check: expectBytes(body) };
        await closedLoop(target, { connections: load.connections, seconds: 2 });
        const fromUs = monotonicUs();
        const run = await closedLoop(target, { connections: load.connections, seconds: SECONDS });
        window = { fromUs, toUs: monotonicUs() };
        requests = run.responses;
        log(`  ${load.name}: ${run.responses} requests, ${run.rps.toFixed(0)} req/s, p50 ${run.p50.toFixed(3)} ms, invalid ${run.invalid}`);
      } finally {
        await bff.stop();
      }
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
      const s = summarise(path.join(dir, file), requests, window);
      const fnHeader = ['self %', 'self ms', 'function', 'where', 'owner'];
      const fnRows = s.topFunctions.map((f) => [fmt.pct(f.share), fmt.ms(f.ms, 0), f.name, f.where, f.owner]);
      const ownerHeader = ['self %', 'self ms', 'owner'];
      const ownerRows = s.byOwner.map((o) => [fmt.pct(o.share), fmt.ms(o.ms, 0), o.owner]);
      const incHeader = ['incl. %', 'incl. ms', 'function', 'where'];
      const incRows = s.inclusive.map((f) => [fmt.pct(f.share), fmt.ms(f.ms, 0), f.name, f.where]);
      const scope = s.windowed ? 'the measured window only' : 'the whole process life (window not found)';
      const perRequest = s.busyMs / Math.max(1, s.requests);
      log(`\n  ${load.title}: busy ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms (${scope}); ${perRequest.toFixed(3)} ms main-thread CPU per request`);
      log(consoleTable(ownerHeader, ownerRows));
      log('');
      log(consoleTable(fnHeader, fnRows));
      log('');
      log(consoleTable(incHeader, incRows));
      parts.push(
        `### ${load.title}`,
        '',
        `${dir}/${file}: ${scope}, busy (non-idle) ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms, ${s.requests} requests: ` +
          `${perRequest.toFixed(3)} ms of main-thread CPU per request.`,
        '',
        'Self time by owner (package, Node subsystem or BFF folder):',
        '',
        table(ownerHeader, ownerRows),
        '',
        'Top 20 functions by self time:',
        '',
        table(fnHeader, fnRows),
        '',
        'Top 30 functions by inclusive time (self + callees; generic plumbing frames left out):',
        '',
        table(incHeader, incRows),
        '',
      );
    }
  } finally {
    await sims.proc.stop();
  }
  return {
    id: 'profile',
    title: 'Profile: where the BFF spends CPU (`node --cpu-prof`, 200 µs sampling)',
    markdown: parts.join('\n'),
    bars: [],
  };
}
