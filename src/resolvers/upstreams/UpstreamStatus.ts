import type { UpstreamBudgetResolvers, UpstreamStatusResolvers } from '../../generated/resolvers-types';

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

export const UpstreamStatus: UpstreamStatusResolvers = {
  name: (s) => (s.name === 'claude' ? 'CLAUDE' : 'WOODPECKER'),
  simulated: (s, _, { upstreams }) => upstreams().find((u) => u.snapshot.name === s.name)?.simulated ?? false,
  pausedUntil: (s) => iso(s.pausedUntil),
  lastErrorAt: (s) => iso(s.lastErrorAt),
};

export const UpstreamBudget: UpstreamBudgetResolvers = {
  upstreamResetAt: (b) => iso(b.upstreamResetAt),
};
