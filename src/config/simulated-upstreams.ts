import type { Config } from './index';

export interface SimulatorEndpoint {
  url: string;
  apiKey: string;
}

/**
 * Demo mode: the upstreams without a key are served by the built-in simulators. Only their URL and key
 * change; every limit, retry and deadline stays as configured, so demo mode exercises the real pipeline.
 */
export function pointAtSimulators(config: Config, sims: { claude: SimulatorEndpoint; woodpecker: SimulatorEndpoint }): Config {
  return {
    ...config,
    claude: config.simulate.claude ? { ...config.claude, baseUrl: sims.claude.url, apiKey: sims.claude.apiKey } : config.claude,
    woodpecker: config.simulate.woodpecker
      ? { ...config.woodpecker, baseUrl: sims.woodpecker.url, apiKey: sims.woodpecker.apiKey }
      : config.woodpecker,
  };
}
