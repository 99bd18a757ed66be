import { loadConfig, type Config } from '../../../config';
import { configureLogger } from '../../../logging/logger';
import { createUpstream, type UpstreamRuntime } from '../../shared/upstream-runtime';
import { createWoodpeckerShared, WoodpeckerAPI, type WoodpeckerShared } from '../WoodpeckerAPI';
import { startFakeWoodpecker, type FakeWoodpecker } from './fake-woodpecker';

export const API_KEY = 'wp-test-key-0123456789';

/**
 * The real data source on the real upstream runtime (retries without delay, circuit out of the way) against
 * the fake server: only the network edge is simulated.
 */
export interface Harness {
  fake: FakeWoodpecker;
  config: Config;
  shared: WoodpeckerShared;
  /** A new per-request data source over the current singletons. */
  api(signal?: AbortSignal): WoodpeckerAPI;
  /** Moves the campaign cache's clock on (its forceRefresh window), without waiting. */
  later(ms: number): void;
  /** Fresh singletons (empty campaign cache, new runtime) and a fresh script; call in beforeEach. */
  renew(): Promise<void>;
  close(): Promise<void>;
}

function runtimeFor(config: Config): UpstreamRuntime {
  return createUpstream({
    name: 'woodpecker',
    displayName: 'Woodpecker',
    // A per-minute budget so large that the pause after a throttled answer is 1 ms instead of the default 1 s.
    limits: { maxConcurrency: 1, budgets: { requests: 60_000 }, windowMs: 60_000 },
    resilience: { ...config.resilience, circuit: { ...config.resilience.circuit, minimumCalls: 1_000_000 } },
    attemptTimeoutMs: config.woodpecker.attemptTimeoutMs,
    random: () => 0,
  });
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  configureLogger({ level: 'debug', format: 'json', silent: true });
  const fake = await startFakeWoodpecker();
  const config = loadConfig({
    NODE_ENV: 'test',
    WOODPECKER_API_KEY: API_KEY,
    WOODPECKER_BASE_URL: fake.url,
    UPSTREAM_MAX_ATTEMPTS: '3',
    RETRY_BASE_DELAY_MS: '1',
    RETRY_MAX_DELAY_MS: '1',
    ...env,
  });
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  let shared = createWoodpeckerShared(config, runtimeFor(config), undefined, now);
  const release = async (): Promise<void> => {
    await shared.upstream.close();
    await shared.http.close();
  };
  return {
    fake,
    config,
    get shared() {
      return shared;
    },
    api: (signal) => new WoodpeckerAPI(shared, signal),
    later: (ms) => void (clockOffsetMs += ms),
    async renew() {
      await release();
      fake.reset();
      shared = createWoodpeckerShared(config, runtimeFor(config), undefined, now);
    },
    async close() {
      await release();
      await fake.close();
    },
  };
}
