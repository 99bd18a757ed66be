import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

const CLI = path.join(__dirname, '..', 'cli.ts');

describe('simulators CLI (a separate process)', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('When started, then it prints one JSON line with both URLs and keys, serves them, and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, '--seed', '5', '--latency-ms', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const announced = JSON.parse(line) as { claude: string; woodpecker: string; claudeKey: string; woodpeckerKey: string };

    const me = await fetch(`${announced.woodpecker}/v1/me`, { headers: { 'x-api-key': announced.woodpeckerKey } });
    const options = (await (await fetch(`${announced.claude}/__sim/options`)).json()) as { seed: number };
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(announced).toEqual({
      claude: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      woodpecker: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/rest$/),
      claudeKey: 'sim-claude-key',
      woodpeckerKey: 'sim-woodpecker-key',
    });
    expect(me.status).toBe(200);
    expect(options.seed).toBe(5);
    expect(code).toBe(0);
  }, 60_000);
});
