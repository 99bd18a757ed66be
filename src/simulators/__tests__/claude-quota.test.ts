import { type ClaudeSimulator, startClaudeSimulator } from '../index';
import { countInputTokens } from '../claude/tokens';
import { LEAD_PROMPT, messageBody, postClaude, sleep } from './helpers';

describe('Claude simulator quota (token buckets per key)', () => {
  let sim: ClaudeSimulator;

  beforeAll(async () => {
    sim = await startClaudeSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({
      requestsPerMinute: 1000,
      inputTokensPerMinute: 1_000_000,
      outputTokensPerMinute: 1_000_000,
      countTokensPerMinute: 1000,
      quotaWindowMs: 1000,
      sendRetryAfterMs: false,
    });
    sim.resetData();
    sim.resetStats();
  });

  it('When 4 requests arrive at once with requestsPerMinute=3, then the 4th is a 429 quota violation until the bucket refills, and only 3 count as admitted', async () => {
    sim.configure({ requestsPerMinute: 3 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postClaude(sim, messageBody())).status);
    const fourth = await postClaude(sim, messageBody());

    expect(statuses).toEqual([200, 200, 200]);
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('1');
    expect(fourth.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(await fourth.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(sim.stats).toMatchObject({ quotaViolations: 1, rateLimited: 1, messagesAdmitted: 3 });

    await sleep(400); // one request refills every 333 ms
    expect((await postClaude(sim, messageBody())).status).toBe(200);
    expect(sim.stats.quotaViolations).toBe(1);
  });

  it('When sendRetryAfterMs is on, then a quota 429 also says exactly how long to wait in retry-after-ms', async () => {
    sim.configure({ requestsPerMinute: 2, sendRetryAfterMs: true });

    await postClaude(sim, messageBody());
    await postClaude(sim, messageBody());
    const limited = await postClaude(sim, messageBody());

    const waitMs = Number(limited.headers.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(500);
  });

  it('When a request is admitted, then max_tokens is reserved and the unused output tokens are refunded', async () => {
    sim.configure({ outputTokensPerMinute: 2000, quotaWindowMs: 600_000 });

    const first = await postClaude(sim, messageBody({ max_tokens: 1700 }));
    const used = ((await first.json()) as { usage: { output_tokens: number } }).usage.output_tokens;
    const second = await postClaude(sim, messageBody({ max_tokens: 1700 }));

    expect(Number(first.headers.get('anthropic-ratelimit-output-tokens-remaining'))).toBe(2000 - used);
    expect(second.status).toBe(429); // 2000 - used < 1700: the reservation does not fit
    expect(sim.stats.quotaViolations).toBe(1);
    expect(sim.stats.outputTokens).toBe(used);
  });

  it('When the prompt alone exceeds the input-token bucket, then the 429 advertises a whole window', async () => {
    sim.configure({ inputTokensPerMinute: 10, quotaWindowMs: 5000 });

    const response = await postClaude(sim, messageBody());

    expect(countInputTokens([LEAD_PROMPT], 1)).toBeGreaterThan(10);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('When a rate_limited fault is injected, then it is a 429 with retry-after but not a quota violation', async () => {
    sim.script('messages', ['rate_limited']);

    const response = await postClaude(sim, messageBody());

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(sim.stats).toMatchObject({ quotaViolations: 0, rateLimited: 0, faultsInjected: { rate_limited: 1 } });
  });

  it('When a request fails with an injected error, then its tokens are given back', async () => {
    sim.configure({ outputTokensPerMinute: 2000, quotaWindowMs: 600_000 });
    sim.script('messages', ['server_error']);

    const failed = await postClaude(sim, messageBody({ max_tokens: 1500 }));
    const next = await postClaude(sim, messageBody({ max_tokens: 1500 }));

    expect(failed.status).toBe(500);
    expect(Number(failed.headers.get('anthropic-ratelimit-output-tokens-remaining'))).toBe(500);
    expect(next.status).toBe(200);
  });

  it('When count_tokens is called past its own limit, then it is a 429 while messages, which draw on none of it, go on', async () => {
    sim.configure({ countTokensPerMinute: 2, requestsPerMinute: 2, quotaWindowMs: 600_000 });
    const count = () => postClaude(sim, { model: 'claude-sonnet-4-6', messages: messageBody().messages }, { path: '/v1/messages/count_tokens' });

    const counts = [(await count()).status, (await count()).status];
    const third = await count();
    const messages = [(await postClaude(sim, messageBody())).status, (await postClaude(sim, messageBody())).status];

    expect(counts).toEqual([200, 200]);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(messages).toEqual([200, 200]);
    expect(sim.stats).toMatchObject({ countTokensRequests: 2, quotaViolations: 1 });
  });

  it('When a second accepted key is used, then it has its own buckets', async () => {
    sim.configure({ requestsPerMinute: 1, extraApiKeys: ['second-key'] });

    const first = await postClaude(sim, messageBody());
    const other = await postClaude(sim, messageBody(), { headers: { 'x-api-key': 'second-key' } });
    const again = await postClaude(sim, messageBody());

    expect([first.status, other.status, again.status]).toEqual([200, 200, 429]);
  });
});
