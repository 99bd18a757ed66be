import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, type GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { resolvers } from '../resolvers';
import { applyConfiguredLimits } from './directives/configured-limits';
import { applyRateLimits, type RateLimitEvents, type RateLimitStore } from './directives/rate-limit';

/** `schema/` sits at the project root, two levels above this file in src/ and three in dist/src/. */
function schemaDir(): string {
  const candidates = [path.resolve(__dirname, '../../schema'), path.resolve(__dirname, '../../../schema')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'base.graphql')));
  if (!found) throw new Error(`schema/ not found next to ${__dirname}`);
  return found;
}

/** The SDL files in a stable order: base first, so features can extend Query and Mutation. */
export function loadTypeDefs(): string[] {
  const dir = schemaDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

export interface SchemaOptions {
  rateLimits: Config['rateLimits'];
  rateLimitStore: RateLimitStore;
  rateLimitEvents?: RateLimitEvents;
}

export function buildSchema(options: SchemaOptions): GraphQLSchema {
  const typeDefs = applyConfiguredLimits(parse(loadTypeDefs().join('\n')), options.rateLimits);
  return applyRateLimits(makeExecutableSchema({ typeDefs, resolvers }), options.rateLimitStore, options.rateLimitEvents);
}
