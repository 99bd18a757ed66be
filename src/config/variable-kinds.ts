import { z } from 'zod';

/**
 * The kinds of environment variable the concerns are made of. Each turns the raw string into its value once;
 * the concern adds `.describe()` (and `.meta()` for what zod cannot see), and the reference generator reads
 * default, allowed values and description back from the schema. Below them, how a concern's rule reports.
 */

/** What the generated reference shows beyond zod's own default, allowed values and description. */
declare module 'zod/v4/core' {
  interface GlobalMeta {
    /** A key or token: left empty in `.env.example`. */
    secret?: boolean;
    /** The default when it is computed rather than fixed (e.g. it depends on NODE_ENV). */
    defaultText?: string;
  }
}

export const integer = (min: number) => z.coerce.number().int().min(min);

export const int = (def: number, min = 0) => integer(min).default(def);

const FLAG_VALUES = ['true', 'false', '1', '0', 'yes', 'no'] as const;
const isOn = (value: (typeof FLAG_VALUES)[number]) => value === 'true' || value === '1' || value === 'yes';

export const flag = (def: boolean) =>
  z
    .enum(FLAG_VALUES)
    .default(def ? 'true' : 'false')
    .transform(isOn);

/** A flag whose default the concern computes (undefined when unset). */
export const optionalFlag = () =>
  z
    .enum(FLAG_VALUES)
    .optional()
    .transform((v) => (v === undefined ? undefined : isOn(v)));

export const list = (def: string) =>
  z
    .string()
    .default(def)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/** Blank counts as unset, so `NAME=` in an env file means "not configured". */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

export const secret = () => optionalText().meta({ secret: true });

const httpUrlSchema = () => z.url({ protocol: /^https?$/ });

export const httpUrl = (def: string) => httpUrlSchema().default(def);

export const optionalHttpUrl = () => httpUrlSchema().optional();

/** Reports a problem from a concern's rule under the variable(s) to fix, like a field's own validation does. */
export function refuser(ctx: z.RefinementCtx) {
  return (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
}
