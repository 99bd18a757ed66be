import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { rateLimitDirective, type RateLimitKeyGenerator, type RateLimitPointsCalculator } from 'graphql-rate-limit-directive';
import { RateLimiterMemory, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { ownEntry } from '../../domain/own-entry';
import { badInput, BffError, ErrorCode } from '../../errors';
import type { Caller } from '../../auth/caller';
import type { GraphQLContext } from '../context';

/** Where per-client counters live: memory by default, Redis when several instances must share them. */
export interface RateLimitStore {
  limiterClass: typeof RateLimiterAbstract;
  limiterOptions: Omit<IRateLimiterOptions, 'points' | 'duration'>;
}

export const memoryRateLimitStore: RateLimitStore = { limiterClass: RateLimiterMemory, limiterOptions: {} };

type LimiterConstructor = new (options: IRateLimiterOptions) => RateLimiterAbstract;

/** A per-minute limiter of its own in the store, under `<prefix>rl:<name>`, keyed by whatever its caller consumes with. */
export function perMinuteLimiter(store: RateLimitStore, name: string, pointsPerMinute: number): RateLimiterAbstract {
  // The store's class is one of rate-limiter-flexible's concrete limiters; its type is the abstract base.
  const Limiter = store.limiterClass as unknown as LimiterConstructor;
  const keyPrefix = `${store.limiterOptions.keyPrefix ?? ''}rl:${name}`;
  return new Limiter({ ...store.limiterOptions, keyPrefix, points: pointsPerMinute, duration: 60 });
}

export interface RateLimitEvents {
  /** Called for every rejection (the metrics layer counts them by operation). */
  onRejected?(field: string, caller: GraphQLContext['caller']): void;
}

/** A subscription that does a mutation's work spends that mutation's budget: streaming is no way around its limit. */
const SHARED_BUDGETS: Readonly<Record<string, string>> = { 'Subscription.generateContentStream': 'Mutation.generateContent' };

/**
 * Keyed by caller identity, never globally (the library's default key is the field, shared by everyone).
 * All Query fields share one read budget; each mutation has its own.
 */
const readBudgetKey = (caller: Caller) => `${caller.id}:read`;

const keyByCaller: RateLimitKeyGenerator<GraphQLContext> = (_args, _source, _fieldArgs, context, info) => {
  if (info.parentType.name === 'Query') return readBudgetKey(context.caller);
  const field = `${info.parentType.name}.${info.fieldName}`;
  return `${context.caller.id}:${ownEntry(SHARED_BUDGETS, field) ?? field}`;
};

/**
 * graphql-rate-limit-directive wraps a field's `resolve`, which graphql-js calls for every EVENT of a subscription;
 * its `subscribe` runs once per subscription. So around the directive, a subscription field's `subscribe` stands in
 * for its `resolve` and is put back wrapped: charged once, when it subscribes, by the same limiter, key and rules.
 */
function chargedOnSubscribe(schema: GraphQLSchema, transform: (schema: GraphQLSchema) => GraphQLSchema): GraphQLSchema {
  const resolves = new Map<string, GraphQLFieldResolver<unknown, unknown> | undefined>();
  const swapped = mapSchema(schema, {
    [MapperKind.SUBSCRIPTION_ROOT_FIELD]: (field, name) => {
      resolves.set(name, field.resolve);
      return { ...field, resolve: field.subscribe };
    },
  });
  return mapSchema(transform(swapped), {
    [MapperKind.SUBSCRIPTION_ROOT_FIELD]: (field, name) => ({ ...field, subscribe: field.resolve, resolve: resolves.get(name) }),
  });
}

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

/**
 * One point per prospect. An export larger than the whole per-minute limit is refused as input, not admitted
 * for the price of the limit (that would let one call export any number) nor answered RATE_LIMITED (waiting
 * never helps: it could not be admitted in any minute), so the client learns at once to split it.
 */
function prospectPoints(directiveArgs: { limit: number }, args: { input?: { prospects?: unknown[] } }): number {
  const count = args.input?.prospects?.length ?? 0;
  if (count > directiveArgs.limit) {
    throw badInput(
      `This export has ${count} prospects, more than the ${directiveArgs.limit} you may export per minute; ` +
        `split it into exports of at most ${directiveArgs.limit}.`,
      ['input.prospects'],
    );
  }
  return count;
}

/**
 * A repeat of an export under its Idempotency-Key replays, waits for or resumes work its first call paid
 * for, so it costs neither an export nor prospect points. (Two first calls racing with one key may both pay.)
 */
function freeForRepeats(points: RateLimitPointsCalculator<GraphQLContext>): RateLimitPointsCalculator<GraphQLContext> {
  return async (directiveArgs, source, args, context, info) => {
    const isExport = info.parentType.name === 'Mutation' && info.fieldName === 'addProspectsToCampaign';
    const key = (args.input as { idempotencyKey?: string | null } | undefined)?.idempotencyKey;
    if (isExport && (await context.exportIdempotency.isRepeat(key))) return 0;
    return points(directiveArgs, source, args, context, info);
  };
}

/**
 * Charges one call of a Query field to the caller's read budget, exactly as the field's `@rateLimit` would (same
 * limiter, key and points), for a path that answers the field without executing it. False when over the limit:
 * that path then lets the operation execute, and the directive refuses it as it refuses any other.
 */
export type ReadCharge = (fieldName: string, caller: Caller) => Promise<boolean>;

const readCharges = new WeakMap<GraphQLSchema, ReadCharge>();

/** The read charge of a schema built by `applyRateLimits`. */
export function readChargeOf(schema: GraphQLSchema): ReadCharge {
  const charge = readCharges.get(schema);
  if (!charge) throw new Error('This schema has no rate limits applied.');
  return charge;
}

/** The directive builds its limiters itself, one per limit and duration; this class remembers each by both. */
function rememberingLimiters(store: RateLimitStore, made: Map<string, RateLimiterAbstract>): typeof RateLimiterAbstract {
  const Limiter = store.limiterClass as unknown as LimiterConstructor;
  class Remembered extends Limiter {
    constructor(options: IRateLimiterOptions) {
      super(options);
      made.set(`${options.points}/${options.duration}`, this);
    }
  }
  return Remembered as unknown as typeof RateLimiterAbstract;
}

function readCharge(schema: GraphQLSchema, limiters: ReadonlyMap<string, RateLimiterAbstract>): ReadCharge {
  return async (fieldName, caller) => {
    const field = schema.getQueryType()?.getFields()[fieldName];
    const limit = field && (getDirective(schema, field, 'rateLimit')?.[0] as { limit: number; duration: number } | undefined);
    const limiter = limit && limiters.get(`${limit.limit}/${limit.duration}`);
    if (!limiter) return false;
    try {
      await limiter.consume(readBudgetKey(caller), 1);
      return true;
    } catch (error) {
      if (error instanceof Error) throw error;
      return false;
    }
  };
}

/** Applies `@rateLimit` (calls) and `@prospectRateLimit` (prospects exported) to the schema. */
export function applyRateLimits(schema: GraphQLSchema, store: RateLimitStore, events: RateLimitEvents = {}): GraphQLSchema {
  const common = { keyGenerator: keyByCaller, onLimit: rejection(events) };
  const callLimiters = new Map<string, RateLimiterAbstract>();
  const calls = rateLimitDirective<GraphQLContext>({
    ...common,
    name: 'rateLimit',
    limiterClass: rememberingLimiters(store, callLimiters),
    pointsCalculator: freeForRepeats(() => 1),
    limiterOptions: { ...store.limiterOptions, keyPrefix: `${store.limiterOptions.keyPrefix ?? ''}rl:calls` },
  });
  const prospects = rateLimitDirective<GraphQLContext>({
    ...common,
    name: 'prospectRateLimit',
    limiterClass: store.limiterClass,
    limiterOptions: { ...store.limiterOptions, keyPrefix: `${store.limiterOptions.keyPrefix ?? ''}rl:prospects` },
    pointsCalculator: freeForRepeats((directiveArgs, _source, args) => prospectPoints(directiveArgs, args)),
  });
  const limited = chargedOnSubscribe(schema, (swapped) => prospects.rateLimitDirectiveTransformer(calls.rateLimitDirectiveTransformer(swapped)));
  readCharges.set(limited, readCharge(limited, callLimiters));
  return limited;
}
