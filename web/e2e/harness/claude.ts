import type { Simulators } from './stack';

export interface ClaudeFileStats {
  filesUploaded: number;
  filesDeleted: number;
  filesStored: number;
}

/** The simulated Claude's file counters, from its control route (no key, never counted as a vendor call). */
export async function claudeFileStats(sims: Simulators): Promise<ClaudeFileStats> {
  const res = await fetch(`${sims.claude}/__sim/stats`);
  if (!res.ok) throw new Error(`claude stats answered ${res.status}`);
  return (await res.json()) as ClaudeFileStats;
}
