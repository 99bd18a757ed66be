import { loadConfig } from '../../../config';
import { createClaudeUpstream, createWoodpeckerUpstream } from '../presets';
import { captureLogs } from './support/fakes';

const logs = captureLogs();

describe('presets', () => {
  it('give Claude its concurrency and three per-minute token buckets', async () => {
    const claude = createClaudeUpstream(loadConfig({ CLAUDE_REQUESTS_PER_MINUTE: '40', CLAUDE_MAX_CONCURRENCY: '3' }));
    const status = claude.status();
    expect(status).toMatchObject({ name: 'claude', circuit: 'CLOSED', queued: 0, inFlight: 0 });
    expect(status.limits).toMatchObject({ maxConcurrency: 3, requestsPerMinute: 40, inputTokensPerMinute: 30_000, outputTokensPerMinute: 8_000 });
    expect(status.budgets.map((b) => [b.dimension, b.limit])).toEqual([
      ['requests', 40],
      ['input_tokens', 30_000],
      ['output_tokens', 8_000],
    ]);
    await claude.close();
  });

  it('hold Woodpecker to one request at a time, with a request budget only when one is configured', async () => {
    const woodpecker = createWoodpeckerUpstream(loadConfig({ WOODPECKER_REQUESTS_PER_MINUTE: '0' }));
    expect(woodpecker.status().limits.maxConcurrency).toBe(1);
    expect(woodpecker.status().budgets).toEqual([]);
    expect(woodpecker.status().limits.requestsPerMinute).toBeUndefined();
    await woodpecker.close();
    const limited = createWoodpeckerUpstream(loadConfig({ WOODPECKER_REQUESTS_PER_MINUTE: '100' }));
    expect(limited.status().budgets).toEqual([{ dimension: 'requests', limit: 100, remaining: 100 }]);
    await limited.close();
  });

  it('warn when Woodpecker is allowed more than one concurrent request', async () => {
    const woodpecker = createWoodpeckerUpstream(loadConfig({ WOODPECKER_MAX_CONCURRENCY: '2' }));
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'warn', maxConcurrency: 2 }));
    await woodpecker.close();
  });
});
