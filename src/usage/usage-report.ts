import type { PriceBook } from './price-book';
import type { UsageRow } from './usage-store';
import type { UsagePeriod } from './utc-days';

export type UsageScope = 'OWN' | 'ALL';

export interface ModelUsageModel {
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when the price list has no price for the model. */
  estimatedCostUsd: number | null;
}

export interface CallerUsageModel {
  caller: string;
  models: ModelUsageModel[];
  estimatedCostUsd: number;
}

export interface UsageReportModel {
  period: UsagePeriod;
  scope: UsageScope;
  from: string;
  to: string;
  totals: ModelUsageModel[];
  estimatedCostUsd: number;
  callers: CallerUsageModel[];
}

export interface ReportFrame {
  period: UsagePeriod;
  scope: UsageScope;
  from: string;
  to: string;
}

/** Micro-dollars: enough for a one-token call, without float noise like 0.30000000000000004. */
function roundUsd(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}

function sumByModel(rows: readonly UsageRow[], prices: PriceBook): ModelUsageModel[] {
  const sums = new Map<string, { requests: number; inputTokens: number; outputTokens: number }>();
  for (const { model, requests, inputTokens, outputTokens } of rows) {
    const sum = sums.get(model);
    if (sum) {
      sum.requests += requests;
      sum.inputTokens += inputTokens;
      sum.outputTokens += outputTokens;
    } else {
      sums.set(model, { requests, inputTokens, outputTokens });
    }
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, sum]) => {
      const cost = prices.costUsd(model, sum.inputTokens, sum.outputTokens);
      return { model, ...sum, estimatedCostUsd: cost === undefined ? null : roundUsd(cost) };
    });
}

function costOf(models: readonly ModelUsageModel[]): number {
  return roundUsd(models.reduce((sum, m) => sum + (m.estimatedCostUsd ?? 0), 0));
}

/** Per-model totals for the whole scope, and the same per caller, biggest spender first. */
export function buildUsageReport(rows: readonly UsageRow[], frame: ReportFrame, prices: PriceBook): UsageReportModel {
  const rowsByCaller = new Map<string, UsageRow[]>();
  for (const row of rows) {
    const own = rowsByCaller.get(row.caller);
    if (own) own.push(row);
    else rowsByCaller.set(row.caller, [row]);
  }
  const callers = [...rowsByCaller]
    .map(([caller, own]) => {
      const models = sumByModel(own, prices);
      return { caller, models, estimatedCostUsd: costOf(models) };
    })
    .sort((a, b) => b.estimatedCostUsd - a.estimatedCostUsd || a.caller.localeCompare(b.caller));
  const totals = sumByModel(rows, prices);
  return { ...frame, totals, estimatedCostUsd: costOf(totals), callers };
}
