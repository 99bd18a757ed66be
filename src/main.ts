import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { pointAtSimulators } from './config/simulated-upstreams';
import { createDependencies } from './dependencies';
import { drain, shutdownCeilingMs } from './lifecycle/shutdown';
import { configureLogger, describeError, logger } from './logging/logger';
import type { Simulators } from './simulators';

const log = logger.child({ component: 'main' });

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error('the server cannot start: fix the configuration', { problems: error.problems });
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Demo code is loaded only when an upstream is simulated (development without keys), so a production process
 * never loads it. A CommonJS require, because TypeScript keeps `import()` as an ES import under module node16.
 */
function loadSimulators(): typeof import('./simulators') {
  return require('./simulators') as typeof import('./simulators');
}

async function startDemoUpstreams(config: Config): Promise<{ config: Config; simulators?: Simulators }> {
  if (!config.simulate.claude && !config.simulate.woodpecker) return { config };
  const simulators = await loadSimulators().startSimulators({
    seed: config.simulator.seed,
    latencyMs: config.simulator.latencyMs,
    faultRate: config.simulator.faultRate,
    claude: config.simulator.claude,
  });
  const simulated = [config.simulate.claude && 'Claude', config.simulate.woodpecker && 'Woodpecker'].filter(Boolean);
  log.warn(
    `SIMULATED UPSTREAMS: ${simulated.join(' and ')} ${simulated.length > 1 ? 'are' : 'is'} served by built-in simulators ` +
      'with sample data. Set ANTHROPIC_API_KEY / WOODPECKER_API_KEY to use the real services.',
    { claude: simulators.claude.url, woodpecker: simulators.woodpecker.url },
  );
  return { config: pointAtSimulators(config, simulators), simulators };
}

/** config → singletons → listen; SIGTERM/SIGINT drain in-flight operations and exports (lifecycle/shutdown.ts). */
async function main(): Promise<void> {
  const initial = readConfig();
  configureLogger(initial.log);
  const { config, simulators } = await startDemoUpstreams(initial);
  const httpServer = createServer({ requestTimeout: 120_000, headersTimeout: 20_000, keepAliveTimeout: 65_000 });
  const deps = await createDependencies(config);
  const { app, apollo, markDraining } = await createApp(deps, { httpServer });
  httpServer.on('request', app);
  await new Promise<void>((resolve) => httpServer.listen(config.server.port, config.server.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  log.info(`Outreach BFF ready on http://localhost:${port}/graphql`, { env: config.env, port });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.server.shutdownGraceMs;
    log.info('shutting down: draining in-flight operations and exports', { signal, graceMs, exports: deps.background.size });
    // Only a drain that hangs past every step's own limit ends here; that is a failure.
    const forced = setTimeout(() => {
      log.error('drain took too long; exiting');
      process.exit(1);
    }, shutdownCeilingMs(graceMs));
    forced.unref();
    const clean = await drain(
      {
        markDraining,
        stopHttp: () => apollo.stop(),
        background: deps.background,
        close: async () => {
          await deps.close();
          await simulators?.close();
        },
      },
      graceMs,
    );
    log.info('stopped', { clean });
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log.error('the server failed to start', { error: describeError(error) });
  process.exit(1);
});
