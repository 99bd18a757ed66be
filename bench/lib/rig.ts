/**
 * The benchmark rig: machine description, CPU pinning, and the processes under test (simulators, BFF, reference
 * servers), each started from the compiled build and stopped by its own pid.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import type { ClaudeStats, WoodpeckerStats } from '../../src/simulators';
import type { BaseStats } from '../../src/simulators/shared/stats';

/** The project root (bench/ is compiled to dist/bench/lib, sources live in bench/lib). */
export const ROOT = [path.resolve(__dirname, '../..'), path.resolve(__dirname, '../../..')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
)!;
export const DIST = path.join(ROOT, 'dist');

/** Core assignment from the rig rules: the system under test alone on core 1; loadgen and simulators on core 0. */
export const CORES = { loadgen: 0, upstreams: 0, server: 1 } as const;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const PINNING = process.platform === 'linux' && os.cpus().length >= 2 && hasTaskset();

/**
 * BENCH_NICE (e.g. -5): run every rig process at this scheduling priority, to hold its own on a machine other
 * people are using. Off by default; negative values need the privilege to raise priority.
 */
const NICE = process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : undefined;

/** Pins this (load generator) process and all its threads to the load-generator core (and applies BENCH_NICE). */
export function pinSelf(): void {
  if (PINNING) execFileSync('taskset', ['-a', '-p', '-c', String(CORES.loadgen), String(process.pid)], { stdio: 'ignore' });
  if (NICE !== undefined) {
    for (const task of readdirSync('/proc/self/task')) execFileSync('renice', ['-n', String(NICE), '-p', task], { stdio: 'ignore' });
  }
}

/** The command line that starts `argv` under node on `core`, with BENCH_NICE when set. */
function launcher(core: number, argv: string[]): [string, string[]] {
  const node = [process.execPath, ...argv];
  const pinned = PINNING ? ['taskset', '-c', String(core), ...node] : node;
  const niced = NICE !== undefined ? ['nice', '-n', String(NICE), ...pinned] : pinned;
  return [niced[0]!, niced.slice(1)];
}

export interface Machine {
  cpuModel: string;
  cores: number;
  node: string;
  os: string;
  date: string;
  pinning: string;
  loadAvg: string;
  /** Other processes' CPU share (all cores) measured for 1 s before the run, when known. */
  background?: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    pinning:
      (PINNING
        ? `taskset: BFF/reference servers on core ${CORES.server}; load generator + simulators on core ${CORES.loadgen}`
        : 'no pinning (taskset unavailable or < 2 cores): figures are noisier') + (NICE !== undefined ? `; rig at nice ${NICE}` : ''),
    loadAvg: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

export function describeMachine(m: Machine): string {
  const background = m.background === undefined ? '' : `, other processes using ${(m.background * 100).toFixed(0)}% of the CPUs`;
  return `${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.os}; ${m.pinning}; load average at start ${m.loadAvg}${background}; ${m.date}`;
}

// --- processes ---------------------------------------------------------------------------------------------------

const children = new Set<ChildProcess>();
let scratch: string | undefined;

/** A directory for this run's logs and profiles. */
export function scratchDir(): string {
  scratch ??= mkdtempSync(path.join(os.tmpdir(), 'outreach-bench-'));
  return scratch;
}

/** Kills only the processes this bench started, by pid. */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  children.clear();
}
process.once('exit', killChildren);

export interface Proc {
  pid: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

function spawnNode(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  core: number,
  options: { nodeArgs?: string[]; args?: string[] } = {},
): Proc {
  const logFile = path.join(scratchDir(), `${name}.log`);
  const fd = openSync(logFile, 'w');
  const argv = [...(options.nodeArgs ?? []), script, ...(options.args ?? [])];
  // stdout and stderr go to a file: writing logs is part of the server's real cost, reading them is not the loadgen's.
  const [command, args] = launcher(core, argv);
  const child = spawn(command, args, { env, stdio: ['ignore', fd, fd], cwd: ROOT });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** Polls the process's log file until `pick` finds what it waits for (a port, a URL line). */
async function waitForLine<T>(proc: Proc, pick: (line: string) => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) break;
    const text = existsSync(proc.logFile) ? readFileSync(proc.logFile, 'utf8') : '';
    for (const line of text.split('\n')) {
      const found = line.trim() ? pick(line) : undefined;
      if (found !== undefined) return found;
    }
    await sleep(50);
  }
  const tail = existsSync(proc.logFile) ? readFileSync(proc.logFile, 'utf8').slice(-2000) : '';
  throw new Error(`${what} did not start (log ${proc.logFile}):\n${tail}`);
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// --- simulators --------------------------------------------------------------------------------------------------

export interface SimEndpoints {
  claudeUrl: string;
  woodpeckerUrl: string;
  claudeKey: string;
  woodpeckerKey: string;
}

export interface SimProcess extends SimEndpoints {
  proc: Proc;
  woodpecker: SimControl;
  claude: SimControl;
}

/** Both simulators in their own process (their CLI from the build), on the upstream core. */
export async function startSimProcess(options: object): Promise<SimProcess> {
  const script = path.join(DIST, 'src/simulators/cli.js');
  const proc = spawnNode('simulators', script, { PATH: process.env.PATH, NODE_ENV: 'production' }, CORES.upstreams, {
    args: ['--options', JSON.stringify(options)],
  });
  const line = await waitForLine(proc, (l) => {
    const json = parseJson(l);
    return json && typeof json.woodpecker === 'string' ? json : undefined;
  }, 'simulators');
  const endpoints: SimEndpoints = {
    claudeUrl: String(line.claude),
    woodpeckerUrl: String(line.woodpecker),
    claudeKey: String(line.claudeKey),
    woodpeckerKey: String(line.woodpeckerKey),
  };
  return {
    ...endpoints,
    proc,
    woodpecker: new SimControl(new URL(endpoints.woodpeckerUrl).origin),
    claude: new SimControl(new URL(endpoints.claudeUrl).origin),
  };
}

/** The `/__sim/*` control routes of one simulator (never counted, faulted or rate limited). */
export class SimControl {
  constructor(readonly origin: string) {}

  async stats<T = SimStats>(): Promise<T> {
    return this.call<T>('GET', 'stats');
  }

  async configure(partial: object): Promise<void> {
    await this.call('POST', 'configure', partial);
  }

  async reset(data = false): Promise<void> {
    await this.call('POST', 'reset', { data });
  }

  private async call<T>(method: 'GET' | 'POST', route: string, body?: object): Promise<T> {
    const response = await request(`${this.origin}/__sim/${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`/__sim/${route}: ${response.statusCode} ${text}`);
    return JSON.parse(text) as T;
  }
}

/** What `/__sim/stats` answers: the counters both simulators keep, plus either one's own. */
export type SimStats = BaseStats & Partial<Omit<WoodpeckerStats, keyof BaseStats>> & Partial<Omit<ClaudeStats, keyof BaseStats>>;

// --- the BFF -----------------------------------------------------------------------------------------------------

export interface BffProcess {
  name: string;
  url: string;
  proc: Proc;
  env: Record<string, string>;
  /** CPU time of the whole process (all threads) so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Production settings shared by every scenario; scenarios add what they are about. */
export function bffEnv(sims: SimEndpoints, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    ALLOW_ANONYMOUS: 'true',
    METRICS_TOKEN: 'bench-metrics-token-0123456789',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ANTHROPIC_API_KEY: sims.claudeKey,
    ANTHROPIC_BASE_URL: sims.claudeUrl,
    WOODPECKER_API_KEY: sims.woodpeckerKey,
    WOODPECKER_BASE_URL: sims.woodpeckerUrl,
    // The per-client limiters still run on every field; their budgets are raised so they never reject the load.
    RATE_LIMIT_READ_PER_MINUTE: '1000000000',
    RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE: '1000000000',
    RATE_LIMIT_GENERATE_PER_MINUTE: '1000000000',
    RATE_LIMIT_EXPORT_PER_MINUTE: '1000000000',
    RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: '1000000000',
    ...overrides,
  };
}

/** The compiled BFF (`node dist/src/main.js`) on the server core; resolves once it logs its port. */
export async function startBff(
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  script = path.join(DIST, 'src/main.js'),
): Promise<BffProcess> {
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
  const proc = spawnNode(`bff-${name}`, script, clean, CORES.server, { nodeArgs });
  const port = await waitForLine(proc, (l) => {
    const json = parseJson(l);
    return json && typeof json.message === 'string' && json.message.includes('ready') ? Number(json.port) : undefined;
  }, `BFF ${name}`);
  return { name, url: `http://127.0.0.1:${port}`, proc, env, cpuMs: () => processCpuMs(proc.pid), stop: () => proc.stop() };
}

export interface ServerProcess {
  url: string;
  proc: Proc;
  cpuMs(): number;
  stop(): Promise<void>;
}

/** A bench-owned server from dist/bench/servers on the server core; it prints `{"port":N}` when listening. */
export async function startBenchServer(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const script = path.join(DIST, 'bench/servers', `${name}.js`);
  const proc = spawnNode(name, script, { PATH: process.env.PATH, NODE_ENV: 'production', ...env }, CORES.server);
  const port = await waitForLine(proc, (l) => {
    const json = parseJson(l);
    return json && typeof json.port === 'number' ? json.port : undefined;
  }, name);
  return { url: `http://127.0.0.1:${port}`, proc, cpuMs: () => processCpuMs(proc.pid), stop: () => proc.stop() };
}

/**
 * CPU time of a process in ms, all threads: the sum of each task's schedstat run time (ns precision), falling back
 * to utime+stime from /proc/<pid>/stat (10 ms ticks). NaN off Linux.
 */
export function processCpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    if (Number.isFinite(ns) && ns > 0) return ns / 1e6;
  } catch {
    // fall through
  }
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** This process's CPU time in ms (the load generator, plus in-process simulators where a scenario has them). */
export function selfCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Whole-machine CPU counters from /proc/stat, in ms: busy (all non-idle time) and steal (taken by the hypervisor). */
export function machineCpuMs(): { busy: number; steal: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    const tick = 10; // USER_HZ = 100 on Linux
    return { busy: (user + nice + system + irq + softirq + steal) * tick, steal: steal * tick };
  } catch {
    return { busy: Number.NaN, steal: Number.NaN };
  }
}

/** Other people's CPU on this machine over `ms` while the rig is idle, as a share of all cores. */
export async function backgroundLoad(ms = 1000): Promise<number> {
  const a = machineCpuMs();
  await sleep(ms);
  const b = machineCpuMs();
  return (b.busy - a.busy) / ms / os.cpus().length;
}
