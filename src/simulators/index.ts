import type { ClaudeSimOptions } from './claude/options';
import { type ClaudeSimulator, startClaudeSimulator } from './claude/server';
import type { WoodpeckerSimOptions } from './woodpecker/options';
import { type WoodpeckerSimulator, startWoodpeckerSimulator } from './woodpecker/server';

export type { ClaudeSimOptions, ClaudeFaultKind, ClaudeRoute, OutputFormat, StopReasonMode } from './claude/options';
export type { ClaudeStats } from './claude/server';
export type { WoodpeckerSimOptions, WoodpeckerFaultKind, WoodpeckerRoute, ItemStyle } from './woodpecker/options';
export type { WoodpeckerStats } from './woodpecker/server';
export type { WoodpeckerStore } from './woodpecker/store';
export type { FaultWeights, Outcome } from './shared/faults';
export { ClaudeSimulator, startClaudeSimulator, WoodpeckerSimulator, startWoodpeckerSimulator };

/** Options for both simulators at once; the top-level knobs apply to both unless a per-simulator one overrides. */
export interface SimulatorsOptions {
  seed?: number;
  latencyMs?: number;
  faultRate?: number;
  host?: string;
  claude?: Partial<ClaudeSimOptions>;
  woodpecker?: Partial<WoodpeckerSimOptions>;
}

export interface Simulators {
  claude: ClaudeSimulator;
  woodpecker: WoodpeckerSimulator;
  close(): Promise<void>;
}

/** Starts the fake Claude and Woodpecker on loopback (free ports unless given), for demo mode, tests and benchmarks. */
export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const { claude: claudeOptions, woodpecker: woodpeckerOptions, ...shared } = options;
  const common = Object.fromEntries(Object.entries(shared).filter(([, value]) => value !== undefined));
  const [claude, woodpecker] = await Promise.allSettled([
    startClaudeSimulator({ ...common, ...claudeOptions }),
    startWoodpeckerSimulator({ ...common, ...woodpeckerOptions }),
  ]);
  if (claude.status === 'rejected' || woodpecker.status === 'rejected') {
    // Do not leak the one that did start.
    await Promise.all([claude, woodpecker].map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    throw claude.status === 'rejected' ? claude.reason : (woodpecker as PromiseRejectedResult).reason;
  }
  return {
    claude: claude.value,
    woodpecker: woodpecker.value,
    close: async () => {
      await Promise.all([claude.value.close(), woodpecker.value.close()]);
    },
  };
}
