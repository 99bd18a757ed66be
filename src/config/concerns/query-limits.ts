import { z } from 'zod';
import { flag, int } from '../variable-kinds';

const variables = z.object({
  QUERY_MAX_DEPTH: int(8, 1).describe('deepest selection nesting'),
  QUERY_MAX_ALIASES: int(15, 0).describe('aliases in one document'),
  QUERY_MAX_DIRECTIVES: int(10, 0).describe('directives in one document'),
  QUERY_MAX_TOKENS: int(2000, 10).describe('lexical tokens in one document'),
  QUERY_MAX_COST: int(5000, 1).describe('estimated cost of one document'),
  PERSISTED_OPERATIONS_ONLY: flag(false).describe(
    'accept only the operations shipped with this repository (src/operations and the web app), by their sha256 hash',
  ),
});

export const queryLimits = variables
  .transform((env) => ({
    queryLimits: {
      maxDepth: env.QUERY_MAX_DEPTH,
      maxAliases: env.QUERY_MAX_ALIASES,
      maxDirectives: env.QUERY_MAX_DIRECTIVES,
      maxTokens: env.QUERY_MAX_TOKENS,
      maxCost: env.QUERY_MAX_COST,
    },
    persistedOperationsOnly: env.PERSISTED_OPERATIONS_ONLY,
  }))
  .meta({ title: 'Query limits', description: 'A document beyond a limit is refused before it runs.' });
