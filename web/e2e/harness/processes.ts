import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const KEPT_LINES = 200;
const STOP_TIMEOUT_MS = 5_000;

/** A child process of the e2e run, stopped by its pid (never by name). */
export interface Started {
  readonly name: string;
  readonly pid: number;
  /** Its latest output lines, for failure messages. */
  readonly output: string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/**
 * Spawns a process and resolves once `ready` returns a value for one of its output lines (or rejects, with the
 * output, when it exits first or takes longer than `timeoutMs`). The process is killed if it never gets ready.
 */
export async function startProcess<T>(options: StartOptions, ready: (line: string) => T | undefined): Promise<{ process: Started; value: T }> {
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = handle(options.name, child, output, exited);
  try {
    const value = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} was not ready within ${options.timeoutMs} ms:\n${output.join('\n')}`)), options.timeoutMs);
      const onLine = (line: string) => {
        output.push(line);
        if (output.length > KEPT_LINES) output.shift();
        const value = ready(line);
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`));
      });
    });
    return { process: started, value };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** Runs a command to completion (bounded), failing with its output when it does not exit 0. */
export async function runToCompletion(options: StartOptions): Promise<void> {
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not finish within ${options.timeoutMs} ms:\n${output.join('\n')}`));
    }, options.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${options.name} exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

function handle(name: string, child: ChildProcess, output: string[], exited: Promise<void>): Started {
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid ?? -1,
    output,
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(forced);
    },
  };
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `url` until it answers 200, within `timeoutMs`. */
export async function untilOk(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
