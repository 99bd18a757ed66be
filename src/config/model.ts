import { z } from 'zod';
import { attachments } from './concerns/attachments';
import { auth } from './concerns/auth';
import { claude } from './concerns/claude';
import { idempotency } from './concerns/idempotency';
import { logging } from './concerns/logging';
import { metrics } from './concerns/metrics';
import { queryLimits } from './concerns/query-limits';
import { rateLimits } from './concerns/rate-limits';
import { redis } from './concerns/redis';
import { resilience } from './concerns/resilience';
import { runtime } from './concerns/runtime';
import { server } from './concerns/server';
import { simulator } from './concerns/simulator';
import { usage } from './concerns/usage';
import { woodpecker } from './concerns/woodpecker';

/**
 * The configuration model: one zod model per concern (`concerns/`), each reading its environment variables and
 * transforming them into its part of the nested config. `Config` is what the whole model outputs; nothing else
 * declares its shape. `.env.example` and `docs/configuration.md` are generated from these models.
 *
 * To add a variable: add one entry to its concern's `z.object({...})`, built from a kind in `variable-kinds.ts`
 * (int, flag, list, secret, ...) with its default and ONE `.describe()` sentence (plus `.meta({ defaultText })`
 * when the default is computed, `examples` for an optional value); read it in that concern's `.transform()`,
 * and put a rule that spans several variables in its `.superRefine()`. Then run `npm run config:docs`;
 * `npm test` fails until the generated files match the model.
 *
 * To add a concern: a file in `concerns/` exporting `z.object({...}).transform((env) => ({ part: ... }))` with
 * `.meta({ title, description })`, added to `concerns` below. A concern that needs another concern's variable
 * (NODE_ENV, an API key) spreads or imports that same schema, so it is still described once.
 *
 * The order below is the order of the reference and of the reported problems: what production must set
 * comes first.
 */
export const concerns = {
  runtime,
  auth,
  claude,
  woodpecker,
  resilience,
  server,
  logging,
  rateLimits,
  queryLimits,
  metrics,
  redis,
  idempotency,
  attachments,
  usage,
  simulator,
};

type Concerns = typeof concerns;
type Parts = { [K in keyof Concerns]: z.output<Concerns[K]> };
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;
/** The concerns' parts side by side. Each part must be one object type (a union there would intersect away). */
type Merged = UnionToIntersection<Parts[keyof Parts]>;
type Flat<T> = { [K in keyof T]: T[K] };

/** Every concern reads the same flat environment. */
const fanOut = (env: unknown) => Object.fromEntries(Object.keys(concerns).map((name) => [name, env]));

export const configModel = z
  .preprocess(fanOut, z.object(concerns))
  // Object.assign is untyped; Merged says what it builds, and the concerns' parts never share a key (tested).
  .transform((parts): Flat<Merged> => Object.assign({}, ...Object.values(parts)));

export type Config = z.output<typeof configModel>;
