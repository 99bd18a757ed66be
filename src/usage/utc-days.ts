/** Usage is kept and reported by UTC calendar day, as `YYYY-MM-DD` strings (which sort as dates). */

export type UsagePeriod = 'TODAY' | 'MONTH';

const DAY_MS = 86_400_000;

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first and last day (inclusive) a period covers, up to and including today. */
export function periodDays(period: UsagePeriod, now: Date): { from: string; to: string } {
  const to = utcDay(now);
  return { from: period === 'TODAY' ? to : `${to.slice(0, 8)}01`, to };
}

/** The day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS));
}

/** Every day from `from` to `to`, inclusive. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); utcDay(new Date(at)) <= to; at += DAY_MS) days.push(utcDay(new Date(at)));
  return days;
}
