import { daysBefore } from './utc-days';
import { USAGE_RETENTION_DAYS, type UsageQuery, type UsageRow, type UsageStore } from './usage-store';

type CallerRows = Map<string, Map<string, UsageRow>>;

/** Usage of one instance: day → caller → model. A new day drops the days that fell out of the retention. */
export class MemoryUsageStore implements UsageStore {
  private readonly days = new Map<string, CallerRows>();

  /** Updates synchronously (an async body runs up to its first await): a report asked for next includes it. */
  async add(row: UsageRow): Promise<void> {
    const callers = this.day(row.day);
    let models = callers.get(row.caller);
    if (!models) callers.set(row.caller, (models = new Map()));
    const entry = models.get(row.model);
    if (!entry) {
      models.set(row.model, { ...row });
      return;
    }
    entry.requests += row.requests;
    entry.inputTokens += row.inputTokens;
    entry.outputTokens += row.outputTokens;
  }

  async read({ from, to, caller }: UsageQuery): Promise<UsageRow[]> {
    const rows: UsageRow[] = [];
    for (const [day, callers] of this.days) {
      if (day < from || day > to) continue;
      const models = caller === undefined ? [...callers.values()] : [callers.get(caller) ?? new Map<string, UsageRow>()];
      for (const byModel of models) for (const row of byModel.values()) rows.push({ ...row });
    }
    return rows;
  }

  private day(day: string): CallerRows {
    let callers = this.days.get(day);
    if (!callers) {
      this.days.set(day, (callers = new Map()));
      const oldestKept = daysBefore(day, USAGE_RETENTION_DAYS - 1);
      for (const known of this.days.keys()) if (known < oldestKept) this.days.delete(known);
    }
    return callers;
  }
}
