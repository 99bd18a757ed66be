/** One day's usage by one caller of one model. */
export interface UsageRow {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  caller: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageQuery {
  /** First and last day, inclusive. */
  from: string;
  to: string;
  /** One caller's rows; everyone's when absent. */
  caller?: string;
}

/** A month report needs 31 days; a few more let an operator look at the end of last month early in this one. */
export const USAGE_RETENTION_DAYS = 40;

/**
 * Where usage counters live: per UTC day, caller and model, only ever incremented, kept USAGE_RETENTION_DAYS.
 * The memory store serves one instance. A shared store makes every instance report the same totals; in Redis
 * it maps to one hash per day (`HINCRBY` on a caller/model/counter field, the key expiring after the
 * retention), and a report reads one hash per day of its period.
 */
export interface UsageStore {
  /** Adds `row`'s counters to those of its day, caller and model. */
  add(row: UsageRow): Promise<void>;
  read(query: UsageQuery): Promise<UsageRow[]>;
}
