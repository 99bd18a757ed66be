import type Redis from 'ioredis';
import { USAGE_RETENTION_DAYS, type UsageQuery, type UsageRow, type UsageStore } from './usage-store';
import { daysFrom } from './utc-days';
import { throwFirstError } from '../redis/transaction-results';

const COUNTERS = ['requests', 'inputTokens', 'outputTokens'] as const;
type Counter = (typeof COUNTERS)[number];
/** A key is written only on its own day, so it lives the retention from its last write: never much longer. */
const TTL_SECONDS = USAGE_RETENTION_DAYS * 86_400;

/**
 * Caller and model as a JSON array: a JWT subject may contain any character, so no separator is safe, and
 * JSON round-trips exactly.
 */
function fieldOf(caller: string, model: string, counter: Counter): string {
  return JSON.stringify([caller, model, counter]);
}

/**
 * Usage shared by every instance: one hash per UTC day (`<prefix>usage:<day>`), one field per caller, model
 * and counter, incremented with HINCRBY (atomic across instances) and expiring after the retention. A report
 * reads one hash per day of its period, in one round trip.
 */
export class RedisUsageStore implements UsageStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  async add(row: UsageRow): Promise<void> {
    const key = this.key(row.day);
    const transaction = this.client.multi();
    for (const counter of COUNTERS) transaction.hincrby(key, fieldOf(row.caller, row.model, counter), row[counter]);
    throwFirstError(await transaction.expire(key, TTL_SECONDS).exec());
  }

  async read({ from, to, caller }: UsageQuery): Promise<UsageRow[]> {
    const days = daysFrom(from, to);
    const pipeline = this.client.pipeline();
    for (const day of days) pipeline.hgetall(this.key(day));
    const hashes = throwFirstError(await pipeline.exec()) as Record<string, string>[];
    return days.flatMap((day, i) => rowsOf(day, hashes[i] ?? {}, caller));
  }

  private key(day: string): string {
    return `${this.prefix}usage:${day}`;
  }
}

function rowsOf(day: string, hash: Record<string, string>, onlyCaller: string | undefined): UsageRow[] {
  const rows = new Map<string, UsageRow>();
  for (const [field, value] of Object.entries(hash)) {
    const [caller, model, counter] = JSON.parse(field) as [string, string, Counter];
    if (onlyCaller !== undefined && caller !== onlyCaller) continue;
    const id = JSON.stringify([caller, model]);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { day, caller, model, requests: 0, inputTokens: 0, outputTokens: 0 }));
    row[counter] = Number(value);
  }
  return [...rows.values()];
}
