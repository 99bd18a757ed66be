import type { ModelPrice } from '../config';
import { describeError, logger } from '../logging/logger';
import { currentRequestContext } from '../logging/request-context';
import { PriceBook } from './price-book';
import { buildUsageReport, type UsageReportModel, type UsageScope } from './usage-report';
import type { UsageStore } from './usage-store';
import { periodDays, utcDay, type UsagePeriod } from './utc-days';

const log = logger.child({ component: 'usage' });

/** Usage outside any request (there is none today) is kept, under this caller, rather than lost. */
const UNKNOWN_CALLER = 'unknown';

/** The tokens of one Claude call Claude bills for, with the model as Claude answered it. */
export interface ClaudeCallUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Whose call it is; by default the caller of the request it runs in. */
  caller?: string;
}

export interface MeteredClaudeCall extends ClaudeCallUsage {
  caller: string;
  /** Undefined when the price list has no price for the model. */
  estimatedCostUsd: number | undefined;
}

/**
 * What the Claude data source reports to: one call per Claude answer, a re-ask included, and per streamed call
 * that Claude started and that was cancelled or broke off (its input and the output written so far are billed).
 */
export interface ClaudeUsageRecorder {
  recordClaudeCall(usage: ClaudeCallUsage): void;
}

/** What the `usage` query reads. */
export interface UsageReports {
  reportFor(caller: string, period: UsagePeriod): Promise<UsageReportModel>;
  reportForAll(period: UsagePeriod): Promise<UsageReportModel>;
}

export interface UsageAccountingOptions {
  store: UsageStore;
  prices: Readonly<Record<string, ModelPrice>>;
  /** Sees every recorded call with its estimated cost (the Prometheus counters). */
  observe?(call: MeteredClaudeCall): void;
  now?(): Date;
}

/**
 * Tokens and estimated cost per caller, model and UTC day. The caller is the one of the request the call
 * ran in. The store keeps tokens only; cost is priced when reported, so a corrected price list applies to
 * the whole period.
 */
export class UsageAccounting implements ClaudeUsageRecorder, UsageReports {
  private readonly prices: PriceBook;
  private readonly unpricedModelsWarned = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly options: UsageAccountingOptions) {
    this.prices = new PriceBook(options.prices);
    this.now = options.now ?? (() => new Date());
  }

  recordClaudeCall({ model, inputTokens, outputTokens, caller: callerOfCall }: ClaudeCallUsage): void {
    const caller = callerOfCall ?? currentRequestContext()?.caller ?? UNKNOWN_CALLER;
    const estimatedCostUsd = this.prices.costUsd(model, inputTokens, outputTokens);
    if (estimatedCostUsd === undefined) this.warnUnpriced(model);
    this.options.observe?.({ caller, model, inputTokens, outputTokens, estimatedCostUsd });
    // Accounting must never fail a generation the user already waited for: a store error is logged, not thrown.
    this.options.store
      .add({ day: utcDay(this.now()), caller, model, requests: 1, inputTokens, outputTokens })
      .catch((error: unknown) =>
        log.error('usage could not be recorded', { caller, model, inputTokens, outputTokens, error: describeError(error) }),
      );
  }

  reportFor(caller: string, period: UsagePeriod): Promise<UsageReportModel> {
    return this.report(period, 'OWN', caller);
  }

  reportForAll(period: UsagePeriod): Promise<UsageReportModel> {
    return this.report(period, 'ALL', undefined);
  }

  private async report(period: UsagePeriod, scope: UsageScope, caller: string | undefined): Promise<UsageReportModel> {
    const { from, to } = periodDays(period, this.now());
    const rows = await this.options.store.read({ from, to, caller });
    return buildUsageReport(rows, { period, scope, from, to }, this.prices);
  }

  private warnUnpriced(model: string): void {
    if (this.unpricedModelsWarned.has(model)) return;
    this.unpricedModelsWarned.add(model);
    log.warn('no price for this Claude model: cost estimates leave it out until CLAUDE_PRICING lists it', { model });
  }
}
