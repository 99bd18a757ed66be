import { parseRateLimitHeaders } from '../rate-limit-headers';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('parseRateLimitHeaders', () => {
  it('reads limit, remaining and the RFC 3339 reset of each dimension', () => {
    const reports = parseRateLimitHeaders(
      headers({
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2026-08-21T12:40:59Z',
        'anthropic-ratelimit-output-tokens-remaining': '7000',
        'anthropic-ratelimit-tokens-remaining': '1', // combined family: no bucket of ours
      }),
    );
    expect(reports).toEqual([
      ['requests', { limit: 50, remaining: 49, resetAt: Date.parse('2026-08-21T12:40:59Z') }],
      ['output_tokens', { remaining: 7000 }],
    ]);
  });

  it('reports nothing for absent or malformed values (Woodpecker sends none)', () => {
    expect(parseRateLimitHeaders(headers({}))).toEqual([]);
    expect(
      parseRateLimitHeaders(
        headers({ 'anthropic-ratelimit-requests-remaining': 'many', 'anthropic-ratelimit-input-tokens-remaining': '-3' }),
      ),
    ).toEqual([]);
  });
});
