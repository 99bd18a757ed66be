import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compiledMain } from './compiled-app';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const KEPT_LINES = 200;

export interface GraphQLAnswer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** How a process ended: its exit code, or the signal that killed it. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One real BFF process (the transpiled app's main.js), listening on a free loopback port. */
export interface BffProcess {
  readonly url: string;
  /** Its latest log lines, for failure messages. */
  readonly output: string[];
  graphql(query: string, variables?: object, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  /** SIGKILL: a crash, nothing released. */
  crash(): Promise<void>;
  /** SIGTERM: the graceful drain of main.ts; SIGKILL if it takes longer than `killAfterMs` (default 5 s). */
  stop(options?: { killAfterMs?: number }): Promise<ExitStatus>;
}

/**
 * Starts `main.js` with exactly `env` (plus PATH and test defaults) and resolves once its "ready" log line
 * names the port it listens on (main.ts logs it with a `port` field, so PORT=0 needs no other protocol) and,
 * unless told otherwise, `/readyz` says 200: listening comes before Redis is connected, and a load balancer
 * would not send traffic before that either.
 */
export async function startBff(env: Record<string, string>, options: { awaitReady?: boolean } = {}): Promise<BffProcess> {
  const child = spawn(process.execPath, [compiledMain()], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_FORMAT: 'json', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    const fail = () => reject(new Error(`BFF did not start within ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`));
    const timer = setTimeout(fail, START_TIMEOUT_MS);
    const keep = (line: string) => {
      output.push(line);
      if (output.length > KEPT_LINES) output.shift();
      if (!line.includes('Outreach BFF ready on')) return;
      clearTimeout(timer);
      resolve(Number((JSON.parse(line) as { port: number }).port));
    };
    createInterface({ input: child.stdout }).on('line', keep);
    createInterface({ input: child.stderr }).on('line', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`BFF exited with ${code} before it was ready:\n${output.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  const url = `http://127.0.0.1:${port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  if (options.awaitReady ?? true) {
    await untilReady(url, output).catch(async (error: unknown) => {
      child.kill('SIGKILL');
      await exited;
      throw error;
    });
  }

  return {
    url,
    output,
    async graphql(query, variables = {}, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as Omit<GraphQLAnswer, 'status'>) };
    },
    async crash() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop(stopOptions = {}) {
      if (running()) child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), stopOptions.killAfterMs ?? STOP_TIMEOUT_MS);
      const status = await exited;
      clearTimeout(forced);
      return status;
    },
  };
}

async function untilReady(url: string, output: string[]): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > until) throw new Error(`BFF at ${url} never became ready:\n${output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Several instances with the same environment, started in parallel (each takes ~1.3 s of CPU). */
export async function startBffs(count: number, env: Record<string, string>): Promise<BffProcess[]> {
  compiledMain(); // once, before the parallel starts
  const started = await Promise.allSettled(Array.from({ length: count }, () => startBff(env)));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<BffProcess>).value);
}
