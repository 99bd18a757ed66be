import type { BudgetDimension, Cost } from '../upstream';

export const DIMENSIONS: readonly BudgetDimension[] = ['requests', 'input_tokens', 'output_tokens'];

export const DEFAULT_COST: Readonly<Cost> = Object.freeze({ requests: 1 });

/** Adds `sign × cost` into `total`, in place (running totals of queued and in-flight reservations). */
export function accumulate(total: Cost, cost: Cost, sign: 1 | -1): void {
  for (const dimension of DIMENSIONS) {
    const amount = cost[dimension];
    if (amount) total[dimension] = (total[dimension] ?? 0) + sign * amount;
  }
}
