import { z } from 'zod';

/**
 * The knobs both simulators share, as zod shapes: each simulator builds ONE strict schema from these and its own
 * knobs, so the options type, the defaults and the validation are the same declaration. Every knob has a default,
 * which is what lets `configure` reject a key nobody declared.
 */

const nonNegative = (fallback: number) => z.number().min(0).default(fallback);

export function commonOptionShape(apiKey: string) {
  return {
    /** Where to listen (used at start only). */
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks a free port (used at start only). */
    port: z.number().int().min(0).max(65_535).default(0),
    /** The key the simulator accepts. */
    apiKey: z.string().min(1, 'must not be empty').default(apiKey),
    /** More accepted keys, each with its own quota and queue (multi-tenant tests). */
    extraApiKeys: z.array(z.string().min(1)).default(() => []),
    /** Seeds every random choice: faults and jitter at once, generated data from the next data reset. */
    seed: z.number().int().default(42),
    /** Base service time added to every vendor request. */
    latencyMs: nonNegative(0),
    /** Uniform extra delay in [0, latencyJitterMs), drawn from the seeded RNG. */
    latencyJitterMs: nonNegative(0),
    /** How long the `slow` fault holds a request before answering (pick it above the client's timeout). */
    slowMs: nonNegative(30_000),
    /** The length of a quota "minute"; tests shrink it so quotas refill quickly. */
    quotaWindowMs: z.number().positive().default(60_000),
  };
}

/**
 * A record whose keys must be among `names`: an unknown one is named in the message ("unknown fault kind
 * "explode""), which a strict record would only report as an unknown key.
 */
function recordOf<N extends string, V>(names: readonly N[], what: string, value: z.ZodType<V>): z.ZodType<Partial<Record<N, V>>> {
  const known: ReadonlySet<string> = new Set(names);
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!known.has(key)) ctx.addIssue({ code: 'custom', message: `unknown ${what} "${key}"`, path: [key] });
    }
  }) as unknown as z.ZodType<Partial<Record<N, V>>>;
}

/**
 * `faultRate` draws from `faults` (`faultsByRoute` replaces it for the routes it names, e.g. to fault only the
 * write route).
 */
export function faultOptionShape<K extends string, R extends string>(
  kinds: readonly K[],
  routes: readonly R[],
  defaultFaults: Partial<Record<K, number>>,
) {
  /** Relative weights of fault kinds; kinds left out are never picked. */
  const weights = recordOf(kinds, 'fault kind', z.number().min(0));
  return {
    faultRate: z.number().min(0).max(1).default(0),
    faults: weights.default(() => ({ ...defaultFaults })),
    faultsByRoute: recordOf(routes, 'route', weights).default(() => ({})),
  };
}

/** The options every simulator has, whatever its own knobs (what the shared base class reads). */
export type CommonSimOptions<K extends string, R extends string> = z.output<z.ZodObject<ReturnType<typeof commonOptionShape>>> & {
  faultRate: number;
  faults: Partial<Record<K, number>>;
  faultsByRoute: Partial<Record<R, Partial<Record<K, number>>>>;
};

/**
 * Parses options against a simulator's strict schema: the defaults fill what is missing, an unknown key or a bad
 * value throws one message naming every problem ("unknown option(s): latencyMS", "quotaWindowMs: Too small…").
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map(describeIssue).join('; '));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  const what = issue.code === 'unrecognized_keys' ? `unknown option(s): ${issue.keys.join(', ')}` : issue.message;
  return where ? `${where}: ${what}` : what;
}
