import { configureLogger } from '../../logging/logger';
import { startSimulators, type Simulators } from '../../simulators';
import { startBff, type BffProcess, type ExitStatus } from '../../testing/bff-process';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../testing/redis-suite';
import { simulatedUpstreamsEnv } from '../scale-out/cluster';

/** Long enough for a drain with nothing in flight many times over; a hang shows as SIGKILL or a late exit 1. */
const KILL_AFTER_MS = 15_000;

/** The exit status and whether main.ts got to the end of its shutdown (everything closed). */
async function terminate(bff: BffProcess): Promise<{ status: ExitStatus; closedEverything: boolean }> {
  const status = await bff.stop({ killAfterMs: KILL_AFTER_MS });
  return { status, closedEverything: bff.output.some((line) => line.includes('"message":"stopped"')) };
}

const CLEAN = { status: { code: 0, signal: null }, closedEverything: true };

/**
 * The exit status an orchestrator sees. Outside NODE_ENV=test Apollo Server would install a SIGTERM handler
 * of its own, so these run the process as development and production run it, not as the other process tests do.
 */
describe('A BFF process receiving SIGTERM', () => {
  beforeAll(() => configureLogger({ level: 'error', format: 'json', silent: true }));

  it('When a development process in demo mode gets SIGTERM with nothing in flight, then it closes everything and exits 0', async () => {
    // No upstream keys: the simulators run inside the BFF process, as `npm start` does without keys.
    const bff = await startBff({ NODE_ENV: 'development', LOG_LEVEL: 'info', SIMULATOR_LATENCY_MS: '0' });
    expect(await terminate(bff)).toEqual(CLEAN);
  }, 30_000);

  describeWithRedis('with shared state in Redis', () => {
    let sims: Simulators;
    beforeAll(async () => {
      sims = await startSimulators({ seed: 7, latencyMs: 0 });
    });
    afterAll(() => sims.close());

    it('When a production process gets SIGTERM with nothing in flight, then it closes everything and exits 0', async () => {
      const bff = await startBff({
        ...simulatedUpstreamsEnv(sims),
        NODE_ENV: 'production',
        AUTH_MODE: 'token',
        AUTH_TOKENS: 'ops:ops-token-0123456789abcdef',
        METRICS_TOKEN: 'metrics-token-0123456789',
        REDIS_URL: redisTestUrl,
        REDIS_PREFIX: uniquePrefix('exit'),
      });
      expect(await terminate(bff)).toEqual(CLEAN);
    }, 30_000);
  });
});
