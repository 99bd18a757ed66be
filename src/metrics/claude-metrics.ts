import { Counter, type Registry } from 'prom-client';

/** One successful Claude call as the metrics count it (usage accounting reports these). */
export interface ClaudeCallMetric {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the price list has no price for the model. */
  estimatedCostUsd: number | undefined;
}

/** Tokens and their estimated cost by model, the same figures the usage report sums per caller. */
export function claudeMetrics(registry: Registry): (call: ClaudeCallMetric) => void {
  const registers = [registry];
  const tokens = new Counter({
    name: 'bff_claude_tokens_total',
    help: 'Claude tokens of successful calls by model (as Claude answered) and direction (input or output).',
    labelNames: ['model', 'direction'] as const,
    registers,
  });
  const cost = new Counter({
    name: 'bff_claude_estimated_cost_usd_total',
    help: 'Estimated Claude cost in USD by model, from the configured price list (CLAUDE_PRICING); unpriced models add 0.',
    labelNames: ['model'] as const,
    registers,
  });
  return ({ model, inputTokens, outputTokens, estimatedCostUsd }) => {
    tokens.inc({ model, direction: 'input' }, inputTokens);
    tokens.inc({ model, direction: 'output' }, outputTokens);
    if (estimatedCostUsd !== undefined) cost.inc({ model }, estimatedCostUsd);
  };
}
