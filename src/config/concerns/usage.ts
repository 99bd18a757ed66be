import { z } from 'zod';
import { list } from '../variable-kinds';

const modelPrice = z.object({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() });

/** USD per million tokens. */
export type ModelPrice = z.output<typeof modelPrice>;

/**
 * List prices in USD per million tokens (Anthropic's published rates for these model families); used only to
 * estimate cost in usage reports and metrics.
 */
const DEFAULT_PRICING: Record<string, ModelPrice> = {
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-6': { inputPerMTok: 5, outputPerMTok: 25 },
};

const pricingOverrides = z.record(z.string(), modelPrice);

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const CLAUDE_PRICING = z
  .string()
  .optional()
  // On the raw string: zod leaves a transform's examples out of the input side the reference is made from.
  .meta({ examples: ['{"claude-sonnet-4-6":{"inputPerMTok":3,"outputPerMTok":15}}'] })
  .transform((raw, ctx) => {
    if (raw === undefined) return DEFAULT_PRICING;
    const overrides = pricingOverrides.safeParse(parseJson(raw));
    if (overrides.success) return { ...DEFAULT_PRICING, ...overrides.data };
    ctx.addIssue({ code: 'custom', message: 'must be JSON like {"claude-x":{"inputPerMTok":3,"outputPerMTok":15}}' });
    return z.NEVER;
  })
  .describe('JSON that overrides or adds model prices (USD per million tokens) for cost estimates')
  .meta({ defaultText: 'the built-in list prices' });

const listPrices = Object.entries(DEFAULT_PRICING)
  .map(([model, price]) => `${model} ${price.inputPerMTok}/${price.outputPerMTok}`)
  .join(', ');

export const usage = z
  .object({
    OPERATOR_CALLERS: list('').describe("comma list of callers (token names or JWT identities) allowed to read everyone's usage"),
    CLAUDE_PRICING,
  })
  .transform((env) => ({
    /** Callers (token names / JWT subjects) allowed to read everyone's usage. */
    operatorCallers: env.OPERATOR_CALLERS,
    /** USD per million tokens, by model id. */
    claudePricing: env.CLAUDE_PRICING,
  }))
  .meta({
    title: 'Usage and cost',
    description:
      "Claude usage is counted per day, caller and model; cost is estimated from list prices. Built-in prices " +
      `(USD per million input / output tokens): ${listPrices}.`,
  });
