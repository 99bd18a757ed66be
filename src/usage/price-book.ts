import type { ModelPrice } from '../config';
import { ownEntry } from '../domain/own-entry';

const PER_MILLION = 1_000_000;

/** Estimated cost from the configured list prices (CLAUDE_PRICING), in USD. */
export class PriceBook {
  private readonly resolved = new Map<string, ModelPrice | undefined>();

  constructor(private readonly prices: Readonly<Record<string, ModelPrice>>) {}

  /**
   * The price of a model id as Claude answers it: its own entry, else the longest listed id it extends, so a
   * dated snapshot (`claude-sonnet-4-5-20250929`) is priced as its family (`claude-sonnet-4-5`).
   */
  priceOf(model: string): ModelPrice | undefined {
    if (this.resolved.has(model)) return this.resolved.get(model);
    const exact = ownEntry(this.prices, model);
    const family = Object.keys(this.prices)
      .filter((listed) => model.startsWith(`${listed}-`))
      .sort((a, b) => b.length - a.length)[0];
    const price = exact ?? (family === undefined ? undefined : ownEntry(this.prices, family));
    this.resolved.set(model, price);
    return price;
  }

  /** Undefined when the model has no price: an unknown cost is not a zero cost. */
  costUsd(model: string, inputTokens: number, outputTokens: number): number | undefined {
    const price = this.priceOf(model);
    if (!price) return undefined;
    return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / PER_MILLION;
  }
}
