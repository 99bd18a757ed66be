import type { FaultConfig } from './faults';

/** Knobs both simulators share. Every option has a concrete default so `configure` can reject unknown keys. */
export interface CommonSimOptions<K extends string, R extends string> extends FaultConfig<K, R> {
  /** Where to listen (used at start only). */
  host: string;
  /** 0 picks a free port (used at start only). */
  port: number;
  /** The key the simulator accepts. */
  apiKey: string;
  /** More accepted keys, each with its own quota and queue (multi-tenant tests). */
  extraApiKeys: string[];
  /** Seeds every random choice: faults and jitter at once, generated data from the next data reset. */
  seed: number;
  /** Base service time added to every vendor request. */
  latencyMs: number;
  /** Uniform extra delay in [0, latencyJitterMs), drawn from the seeded RNG. */
  latencyJitterMs: number;
  /** How long the `slow` fault holds a request before answering (pick it above the client's timeout). */
  slowMs: number;
  /** The length of a quota "minute"; tests shrink it so quotas refill quickly. */
  quotaWindowMs: number;
}

export function commonDefaults(apiKey: string): Omit<CommonSimOptions<never, never>, 'faults' | 'faultsByRoute'> {
  return {
    host: '127.0.0.1',
    port: 0,
    apiKey,
    extraApiKeys: [],
    seed: 42,
    latencyMs: 0,
    latencyJitterMs: 0,
    faultRate: 0,
    slowMs: 30_000,
    quotaWindowMs: 60_000,
  };
}

export function validateCommonOptions(options: CommonSimOptions<string, string>): void {
  const nonNegative = ['port', 'latencyMs', 'latencyJitterMs', 'slowMs'] as const;
  for (const key of nonNegative) {
    if (!(options[key] >= 0)) throw new Error(`${key} must be a number >= 0`);
  }
  if (!(options.quotaWindowMs > 0)) throw new Error('quotaWindowMs must be > 0');
  if (!options.apiKey) throw new Error('apiKey must not be empty');
}
