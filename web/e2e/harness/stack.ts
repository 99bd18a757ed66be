import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, runToCompletion, startProcess, type Started, untilOk } from './processes';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_DIR = path.resolve(WEB_DIR, '..');
const VITE = path.join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
/** ts-node compiles the server on start; on a busy 2-core machine that can take a while. */
const SERVER_START_MS = 90_000;
const BUILD_MS = 120_000;

export interface Simulators {
  claude: string;
  woodpecker: string;
  claudeKey: string;
  woodpeckerKey: string;
}

export interface StackOptions {
  /** Settings of the BFF under test, over the harness's own. */
  bffEnv?: Record<string, string>;
  /** The simulators' options (`src/simulators`' SimulatorsOptions), e.g. `{ claude: { tokensPerSecond: 120 } }`. */
  simulators?: Record<string, unknown>;
}

export interface Stack {
  sims: Simulators;
  bffUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() });

function simulatorsLine(line: string): Simulators | undefined {
  if (!line.startsWith('{') || !line.includes('claudeKey')) return undefined;
  const parsed = JSON.parse(line) as Partial<Simulators>;
  return parsed.claude && parsed.woodpecker && parsed.claudeKey && parsed.woodpeckerKey ? (parsed as Simulators) : undefined;
}

/**
 * The whole system on loopback, each part its own process: both upstream simulators, a real BFF pointed at
 * them with their keys, and `vite preview` serving a build of the app whose VITE_BFF_URL is that BFF. The app
 * and the BFF are on different ports, so every call the page makes is a real cross-origin request.
 */
export async function startStack({ bffEnv = {}, simulators = {} }: StackOptions = {}): Promise<Stack> {
  const started: Started[] = [];
  const outDir = mkdtempSync(path.join(tmpdir(), 'outreach-web-e2e-'));
  const stop = async () => {
    await Promise.all(started.reverse().map((p) => p.stop()));
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    const [bffPort, appPort] = [await freePort(), await freePort()];
    const bffUrl = `http://127.0.0.1:${bffPort}`;
    const appUrl = `http://127.0.0.1:${appPort}`;

    await runToCompletion({
      name: 'vite build',
      command: process.execPath,
      args: [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      cwd: WEB_DIR,
      env: { ...baseEnv(), VITE_BFF_URL: bffUrl },
      timeoutMs: BUILD_MS,
    });
    const sims = await startProcess(
      { name: 'simulators', command: process.execPath, args: [...TS_NODE, 'src/simulators/cli.ts', '--seed', '7', '--options', JSON.stringify(simulators)], cwd: REPO_DIR, env: baseEnv(), timeoutMs: SERVER_START_MS },
      simulatorsLine,
    );
    started.push(sims.process);

    const bff = await startProcess(
      {
        name: 'bff',
        command: process.execPath,
        args: [...TS_NODE, 'src/main.ts'],
        cwd: REPO_DIR,
        env: {
          ...baseEnv(),
          NODE_ENV: 'development',
          LOG_FORMAT: 'json',
          HOST: '127.0.0.1',
          PORT: String(bffPort),
          CORS_ORIGINS: appUrl,
          ANTHROPIC_API_KEY: sims.value.claudeKey,
          ANTHROPIC_BASE_URL: sims.value.claude,
          WOODPECKER_API_KEY: sims.value.woodpeckerKey,
          WOODPECKER_BASE_URL: sims.value.woodpecker,
          ...bffEnv,
        },
        timeoutMs: SERVER_START_MS,
      },
      (line) => (line.includes('Outreach BFF ready on') ? true : undefined),
    );
    started.push(bff.process);
    await untilOk(`${bffUrl}/readyz`, SERVER_START_MS);

    const preview = await startProcess(
      {
        name: 'vite preview',
        command: process.execPath,
        args: [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(appPort), '--strictPort'],
        cwd: WEB_DIR,
        env: baseEnv(),
        timeoutMs: SERVER_START_MS,
      },
      (line) => (line.includes(`:${appPort}`) ? true : undefined),
    );
    started.push(preview.process);
    await untilOk(appUrl, SERVER_START_MS);

    return { sims: sims.value, bffUrl, appUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
