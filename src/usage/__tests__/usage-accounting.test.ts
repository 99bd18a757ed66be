import { newRequestStats, runWithRequestContext } from '../../logging/request-context';
import { captureLogsForSuite } from '../../testing/log-capture';
import { MemoryUsageStore } from '../memory-usage-store';
import { UsageAccounting, type MeteredClaudeCall } from '../usage-accounting';

const PRICES = { 'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 }, 'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 } };

describe('UsageAccounting', () => {
  const logs = captureLogsForSuite();
  let now: Date;
  let observed: MeteredClaudeCall[];
  let accounting: UsageAccounting;
  beforeEach(() => {
    observed = [];
    now = new Date('2026-03-31T23:59:00Z');
    accounting = new UsageAccounting({ store: new MemoryUsageStore(), prices: PRICES, observe: (call) => observed.push(call), now: () => now });
  });

  const callAs = (caller: string, model: string, inputTokens: number, outputTokens: number) =>
    runWithRequestContext({ requestId: `req-${caller}`, caller, stats: newRequestStats() }, () =>
      accounting.recordClaudeCall({ model, inputTokens, outputTokens }),
    );

  it('When calls are recorded, then each is priced, observed, and accounted to the caller of the request it ran in', async () => {
    callAs('web', 'claude-haiku-4-5', 2_000, 1_000);
    callAs('web', 'claude-haiku-4-5', 1_000, 1_000);
    callAs('web', 'claude-sonnet-4-6', 1_000, 2_000);
    callAs('crm', 'claude-haiku-4-5', 4_000, 400);
    expect(observed[0]).toEqual({ caller: 'web', model: 'claude-haiku-4-5', inputTokens: 2_000, outputTokens: 1_000, estimatedCostUsd: 0.007 });

    const own = await accounting.reportFor('web', 'TODAY');
    expect(own).toEqual({
      period: 'TODAY',
      scope: 'OWN',
      from: '2026-03-31',
      to: '2026-03-31',
      totals: [
        { model: 'claude-haiku-4-5', requests: 2, inputTokens: 3_000, outputTokens: 2_000, estimatedCostUsd: 0.013 },
        { model: 'claude-sonnet-4-6', requests: 1, inputTokens: 1_000, outputTokens: 2_000, estimatedCostUsd: 0.033 },
      ],
      estimatedCostUsd: 0.046,
      callers: [{ caller: 'web', models: own.totals, estimatedCostUsd: 0.046 }],
    });

    const all = await accounting.reportForAll('TODAY');
    expect(all.scope).toBe('ALL');
    expect(all.callers.map((c) => [c.caller, c.estimatedCostUsd])).toEqual([
      ['web', 0.046],
      ['crm', 0.006],
    ]);
    expect(all.totals[0]).toEqual({ model: 'claude-haiku-4-5', requests: 3, inputTokens: 7_000, outputTokens: 2_400, estimatedCostUsd: 0.019 });
    expect(all.estimatedCostUsd).toBe(0.052);
  });

  it('When the month turns (UTC), then TODAY and MONTH start again while the old days stay stored', async () => {
    callAs('web', 'claude-haiku-4-5', 1_000, 0);
    now = new Date('2026-04-01T00:01:00Z');
    callAs('web', 'claude-haiku-4-5', 2_000, 0);
    expect((await accounting.reportFor('web', 'TODAY')).totals[0]?.inputTokens).toBe(2_000);
    const month = await accounting.reportFor('web', 'MONTH');
    expect([month.from, month.to, month.totals[0]?.inputTokens]).toEqual(['2026-04-01', '2026-04-01', 2_000]);
    now = new Date('2026-04-20T12:00:00Z');
    expect((await accounting.reportFor('web', 'MONTH')).totals[0]?.requests).toBe(1);
  });

  it('When a model has no price, then its tokens are kept, its cost is null, and the operator is warned once', async () => {
    callAs('web', 'claude-mystery-1', 1_000, 1_000);
    callAs('web', 'claude-mystery-1', 1_000, 1_000);
    const report = await accounting.reportFor('web', 'TODAY');
    expect(report.totals).toEqual([{ model: 'claude-mystery-1', requests: 2, inputTokens: 2_000, outputTokens: 2_000, estimatedCostUsd: null }]);
    expect(report.estimatedCostUsd).toBe(0);
    expect(observed.map((c) => c.estimatedCostUsd)).toEqual([undefined, undefined]);
    expect(logs.entries().filter((e) => e.level === 'warn')).toEqual([expect.objectContaining({ model: 'claude-mystery-1' })]);
  });

  it('When the store fails, then the call is still observed and the failure is logged, never thrown', async () => {
    const failing = new UsageAccounting({
      store: { add: () => Promise.reject(new Error('store down')), read: async () => [] },
      prices: PRICES,
      observe: (call) => observed.push(call),
    });
    expect(() => failing.recordClaudeCall({ model: 'claude-haiku-4-5', inputTokens: 1, outputTokens: 1 })).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(observed).toHaveLength(1);
    expect(logs.entries()).toEqual([expect.objectContaining({ level: 'error', message: 'usage could not be recorded' })]);
  });
});
