import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Config } from '../config';
import type { GraphQLContext } from './context';
import type { RateLimitEvents, RateLimitStore } from './directives/rate-limit';
import { woodpeckerCallLimit } from './directives/woodpecker-call-limit';
import { fieldSuggestionsPlugin, withoutFieldSuggestions } from './plugins/field-suggestions';
import { persistedOperations } from './plugins/persisted-operations';
import { shippedOperations } from './plugins/shipped-operations';
import { buildSchema } from './schema';

/**
 * What every GraphQL request passes before it executes, built once and shared by both routes that run operations
 * (Apollo Server on /graphql, graphql-sse on /graphql/stream): one schema (so both charge the same per-client
 * limiters), the same parse and validation limits, the same persisted-operations manifest.
 */
export interface RequestRules {
  schema: GraphQLSchema;
  /** Query-shape limits and the Woodpecker call limit. */
  validationRules: ValidationRule[];
  /** Apollo plugins that come with these rules (field suggestions hidden in production). */
  apolloPlugins: ApolloServerPlugin<GraphQLContext>[];
  /** A validation error's message as the client may see it (without field suggestions in production). */
  validationMessage(message: string): string;
  /** Armor's own token limit re-parses inside a hook and turns syntax errors into 500s: the parser's option instead. */
  parseOptions: { maxTokens: number };
  persisted: ReturnType<typeof persistedOperations>;
}

export interface RequestRulesOptions {
  config: Config;
  rateLimitStore: RateLimitStore;
  rateLimitEvents?: RateLimitEvents;
}

/** Query-shape limits as validation rules, so they run before any resolver. */
function armor(config: Config) {
  const { maxDepth, maxAliases, maxDirectives, maxCost } = config.queryLimits;
  return new ApolloArmor({
    maxDepth: { n: maxDepth, ignoreIntrospection: true },
    maxAliases: { n: maxAliases },
    maxDirectives: { n: maxDirectives },
    costLimit: { maxCost, ignoreIntrospection: true },
    maxTokens: { enabled: false },
    // Hidden by our own plugin, whose function the stream route calls too.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

export function requestRules({ config, rateLimitStore, rateLimitEvents }: RequestRulesOptions): RequestRules {
  const protection = armor(config);
  return {
    schema: buildSchema({ rateLimits: config.rateLimits, rateLimitStore, rateLimitEvents }),
    validationRules: [...protection.validationRules, woodpeckerCallLimit(config.rateLimits.woodpeckerCalls)],
    apolloPlugins: [...protection.plugins, ...(config.isProduction ? [fieldSuggestionsPlugin()] : [])],
    validationMessage: config.isProduction ? withoutFieldSuggestions : (message) => message,
    parseOptions: { maxTokens: config.queryLimits.maxTokens },
    persisted: persistedOperations(shippedOperations, { safelist: config.persistedOperationsOnly }),
  };
}
