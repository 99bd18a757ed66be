/**
 * How much of Claude's quota the burst used, as the simulator counted it. The simulator keeps each limit the way
 * Anthropic documents it: a bucket that holds one minute's worth and refills continuously (limit / 60 s each
 * second), not a fixed minute. It starts the window full (its buckets are created by the window's first request),
 * so in a window of T seconds it can accept at most limit × (1 + T / 60): the full bucket once, plus the refill.
 * At 3× the rate, arrivals spend the full bucket in exactly 30 s (limit / (3 × rate − rate)), so from then on
 * only the refill is left: the second half of a 60 s window measures the sustained share alone.
 */
import type { SimStats } from '../lib/rig';
import { fmt } from '../lib/stats';

export interface ClaudeQuotas {
  rpm: number;
  inputTpm: number;
  outputTpm: number;
}

/** The simulator's counters at one instant of the window. */
export interface BudgetSample {
  admitted: number;
  inputTokens: number;
  outputTokens: number;
}

export function budgetSample(stats: SimStats): BudgetSample {
  return { admitted: stats.messagesAdmitted ?? 0, inputTokens: stats.inputTokens ?? 0, outputTokens: stats.outputTokens ?? 0 };
}

export interface BudgetUse {
  header: string[];
  rows: string[][];
  /** Accepted requests over what the request bucket allowed (capped at what was offered), whole window and second half. */
  requestShare: number;
  sustainedRequestShare: number;
  /** The limit that allows the fewest requests a minute at the per-request token use seen. */
  binding: string;
}

interface Window {
  seconds: number;
  /** Requests the load generator sent during the window. */
  offered: number;
  half: BudgetSample;
  end: BudgetSample;
}

export function budgetUse(quotas: ClaudeQuotas, { seconds, offered, half, end }: Window): BudgetUse {
  const whole = (limit: number) => limit * (1 + seconds / 60);
  const refill = (limit: number) => (limit * seconds) / 120;
  const requestAllowed = Math.min(offered, whole(quotas.rpm));
  const sustainedAllowed = Math.min(offered / 2, refill(quotas.rpm));
  const perRequest = (tokens: number) => (end.admitted === 0 ? 0 : tokens / end.admitted);
  const requestsAllowedBy: [string, number][] = [
    ['requests', quotas.rpm],
    ['input tokens', quotas.inputTpm / perRequest(end.inputTokens)],
    ['output tokens', quotas.outputTpm / perRequest(end.outputTokens)],
  ];
  const binding = requestsAllowedBy.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  const row = (name: string, limit: number, used: number, halfUsed: number, allowsPerMinute: number, allowed = whole(limit), sustained = refill(limit)) => [
    name,
    fmt.int(limit),
    `${fmt.int(used)} / ${fmt.int(allowed)} (${fmt.pct(used / allowed)})`,
    `${fmt.int(used - halfUsed)} / ${fmt.int(sustained)} (${fmt.pct((used - halfUsed) / sustained)})`,
    fmt.int(allowsPerMinute),
  ];
  const rows = [
    row('requests', quotas.rpm, end.admitted, half.admitted, quotas.rpm, requestAllowed, sustainedAllowed),
    row('input tokens', quotas.inputTpm, end.inputTokens, half.inputTokens, requestsAllowedBy[1]![1]),
    row('output tokens', quotas.outputTpm, end.outputTokens, half.outputTokens, requestsAllowedBy[2]![1]),
  ];
  return {
    header: ['Claude budget', 'limit / min', `used / allowed in the ${seconds} s window`, 'second half: used / refill', 'requests / min it allows at the use seen'],
    rows,
    requestShare: end.admitted / requestAllowed,
    sustainedRequestShare: (end.admitted - half.admitted) / sustainedAllowed,
    binding,
  };
}
