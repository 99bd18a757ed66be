import type { QueryResolvers } from '../../generated/resolvers-types';
import type { Config } from '../../config';
import type { Caller } from '../../auth/caller';
import { BffError, ErrorCode } from '../../errors';

/** Operators are named callers (token names, JWT subjects); an address is never one. */
function isOperator(caller: Caller, config: Config): boolean {
  return caller.kind !== 'anonymous' && config.operatorCallers.includes(caller.id);
}

export const Query: Pick<QueryResolvers, 'usage'> = {
  usage: (_, { period, scope }, { caller, config, usage }) => {
    if (scope === 'OWN') return usage.reportFor(caller.id, period);
    if (!isOperator(caller, config)) {
      throw new BffError(ErrorCode.FORBIDDEN, "Only operators can see every caller's usage; ask for your own with scope OWN.");
    }
    return usage.reportForAll(period);
  },
};
