import type { UpstreamBudgetReport } from './gate/gate-store';
import type { BudgetDimension } from './upstream';

/** Header stems per budget dimension. Anthropic's combined `tokens-*` family has no bucket of ours: ignored. */
const HEADER_STEMS: ReadonlyArray<[BudgetDimension, string]> = [
  ['requests', 'anthropic-ratelimit-requests'],
  ['input_tokens', 'anthropic-ratelimit-input-tokens'],
  ['output_tokens', 'anthropic-ratelimit-output-tokens'],
];

function numberHeader(get: (name: string) => string | null | undefined, name: string): number | undefined {
  const raw = get(name);
  if (raw == null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads `anthropic-ratelimit-{requests,input-tokens,output-tokens}-{limit,remaining,reset}` (reset is an
 * RFC 3339 timestamp). A dimension is reported only when its `remaining` is a usable number; anything absent
 * or malformed is skipped, so an upstream that sends none (Woodpecker) changes nothing.
 */
export function parseRateLimitHeaders(
  get: (name: string) => string | null | undefined,
): Array<[BudgetDimension, UpstreamBudgetReport]> {
  const reports: Array<[BudgetDimension, UpstreamBudgetReport]> = [];
  for (const [dimension, stem] of HEADER_STEMS) {
    const remaining = numberHeader(get, `${stem}-remaining`);
    if (remaining === undefined) continue;
    const limit = numberHeader(get, `${stem}-limit`);
    const resetAt = Date.parse(get(`${stem}-reset`) ?? '');
    reports.push([
      dimension,
      { remaining, ...(limit !== undefined && { limit }), ...(!Number.isNaN(resetAt) && { resetAt }) },
    ]);
  }
  return reports;
}
