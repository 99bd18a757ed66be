import type { GraphQLSchema } from 'graphql';
import { rateLimitDirective, type RateLimitKeyGenerator } from 'graphql-rate-limit-directive';
import { RateLimiterMemory, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { BffError, ErrorCode } from '../../errors';
import type { GraphQLContext } from '../context';

/** Where per-client counters live: memory by default, Redis when several instances must share them. */
export interface RateLimitStore {
  limiterClass: typeof RateLimiterAbstract;
  limiterOptions: Omit<IRateLimiterOptions, 'points' | 'duration'>;
}

export const memoryRateLimitStore: RateLimitStore = { limiterClass: RateLimiterMemory, limiterOptions: {} };

export interface RateLimitEvents {
  /** Called for every rejection (the metrics layer counts them by operation). */
  onRejected?(field: string, caller: GraphQLContext['caller']): void;
}

/**
 * Keyed by caller identity, never globally (the library's default key is the field, shared by everyone).
 * All Query fields share one read budget; each mutation has its own.
 */
const keyByCaller: RateLimitKeyGenerator<GraphQLContext> = (_args, _source, _fieldArgs, context, info) =>
  `${context.caller.id}:${info.parentType.name === 'Query' ? 'read' : `${info.parentType.name}.${info.fieldName}`}`;

/** The answer to a caller over one of its limits: when it can try again, in whole seconds. */
export function rateLimited(response: RateLimiterRes, what = 'requests'): BffError {
  const seconds = Math.max(1, Math.ceil(response.msBeforeNext / 1000));
  return new BffError(ErrorCode.RATE_LIMITED, `You have made too many ${what}; try again in ${seconds} seconds.`, {
    retryAfterSeconds: seconds,
  });
}

function rejection(events: RateLimitEvents) {
  return (response: RateLimiterRes, _d: unknown, _s: unknown, _a: unknown, context: GraphQLContext, info: { fieldName: string }) => {
    events.onRejected?.(info.fieldName, context.caller);
    throw rateLimited(response);
  };
}

/** Applies `@rateLimit` (calls) and `@prospectRateLimit` (prospects exported) to the schema. */
export function applyRateLimits(schema: GraphQLSchema, store: RateLimitStore, events: RateLimitEvents = {}): GraphQLSchema {
  const common = { keyGenerator: keyByCaller, onLimit: rejection(events), limiterClass: store.limiterClass };
  const calls = rateLimitDirective<GraphQLContext>({
    ...common,
    name: 'rateLimit',
    limiterOptions: { ...store.limiterOptions, keyPrefix: `${store.limiterOptions.keyPrefix ?? ''}rl:calls` },
  });
  const prospects = rateLimitDirective<GraphQLContext>({
    ...common,
    name: 'prospectRateLimit',
    limiterOptions: { ...store.limiterOptions, keyPrefix: `${store.limiterOptions.keyPrefix ?? ''}rl:prospects` },
    // Never more than the limit itself: an oversized export is refused by validation, not as "too fast".
    pointsCalculator: (directiveArgs, _source, args) =>
      Math.min(directiveArgs.limit, (args.input as { prospects?: unknown[] } | undefined)?.prospects?.length ?? 0),
  });
  return prospects.rateLimitDirectiveTransformer(calls.rateLimitDirectiveTransformer(schema));
}
