/**
 * Both simulators in a process of their own, for multi-process tests and benchmarks:
 *
 *   node -r ts-node/register/transpile-only src/simulators/cli.ts \
 *     [--claude-port N] [--woodpecker-port N] [--seed N] [--latency-ms N] [--fault-rate X] [--host H] [--options JSON]
 *
 * (or `node dist/src/simulators/cli.js` after `npm run build`). Ports default to SIM_CLAUDE_PORT /
 * SIM_WOODPECKER_PORT, else 0 (free ports). `--options` takes a whole SimulatorsOptions object as JSON; the
 * flags override it. Once listening it prints ONE JSON line on stdout — {"claude","woodpecker","claudeKey",
 * "woodpeckerKey"} — which is the protocol parent processes read, and it exits cleanly on SIGTERM or SIGINT.
 * Knobs can be changed later through each simulator's /__sim/* control routes.
 */
import { parseArgs } from 'node:util';
import { describeError, logger } from '../logging/logger';
import { type SimulatorsOptions, startSimulators } from './index';

function numberFlag(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${raw}"`);
  return value;
}

/** Drops undefined entries so they do not override defaults. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function optionsFromArgv(argv: string[]): SimulatorsOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'claude-port': { type: 'string', default: process.env.SIM_CLAUDE_PORT },
      'woodpecker-port': { type: 'string', default: process.env.SIM_WOODPECKER_PORT },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'fault-rate': { type: 'string' },
      host: { type: 'string' },
      options: { type: 'string' },
    },
  });
  const base = (values.options ? JSON.parse(values.options) : {}) as SimulatorsOptions;
  return {
    ...base,
    ...defined({
      seed: numberFlag(values.seed, 'seed'),
      latencyMs: numberFlag(values['latency-ms'], 'latency-ms'),
      faultRate: numberFlag(values['fault-rate'], 'fault-rate'),
      host: values.host,
    }),
    claude: { ...base.claude, ...defined({ port: numberFlag(values['claude-port'], 'claude-port') }) },
    woodpecker: { ...base.woodpecker, ...defined({ port: numberFlag(values['woodpecker-port'], 'woodpecker-port') }) },
  };
}

async function main(): Promise<void> {
  const sims = await startSimulators(optionsFromArgv(process.argv.slice(2)));
  const stop = () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    sims.close().catch((error: unknown) => {
      logger.error('simulators did not close cleanly', { error: describeError(error) });
      process.exitCode = 1;
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(
    `${JSON.stringify({
      claude: sims.claude.url,
      woodpecker: sims.woodpecker.url,
      claudeKey: sims.claude.apiKey,
      woodpeckerKey: sims.woodpecker.apiKey,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  logger.error('simulators failed to start', { error: describeError(error) });
  process.exitCode = 1;
});
