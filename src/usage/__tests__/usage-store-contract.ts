import type { UsageRow, UsageStore } from '../usage-store';

export const usageCall = (day: string, caller: string, model: string, inputTokens = 100, outputTokens = 50): UsageRow => ({
  day,
  caller,
  model,
  requests: 1,
  inputTokens,
  outputTokens,
});

const byKey = (rows: UsageRow[]) => [...rows].sort((a, b) => `${a.day}${a.caller}${a.model}`.localeCompare(`${b.day}${b.caller}${b.model}`));

/** What every UsageStore must do, whichever storage is behind it. */
export function usageStoreContract(newStore: () => UsageStore): void {
  it('When calls of the same day, caller and model are added, then they sum into one row', async () => {
    const store = newStore();
    await store.add(usageCall('2026-03-10', 'web', 'claude-haiku-4-5', 100, 50));
    await store.add(usageCall('2026-03-10', 'web', 'claude-haiku-4-5', 300, 70));
    await store.add(usageCall('2026-03-10', 'web', 'claude-sonnet-4-6'));
    await store.add(usageCall('2026-03-11', 'web', 'claude-haiku-4-5'));
    expect(byKey(await store.read({ from: '2026-03-10', to: '2026-03-10' }))).toEqual([
      { day: '2026-03-10', caller: 'web', model: 'claude-haiku-4-5', requests: 2, inputTokens: 400, outputTokens: 120 },
      { day: '2026-03-10', caller: 'web', model: 'claude-sonnet-4-6', requests: 1, inputTokens: 100, outputTokens: 50 },
    ]);
  });

  it('When read for one caller, then only its rows come back, across the days asked for', async () => {
    const store = newStore();
    await store.add(usageCall('2026-02-28', 'web', 'm'));
    await store.add(usageCall('2026-03-01', 'crm', 'm'));
    await store.add(usageCall('2026-03-01', 'web', 'm'));
    await store.add(usageCall('2026-03-04', 'web', 'm'));
    const rows = await store.read({ from: '2026-02-28', to: '2026-03-03', caller: 'web' });
    expect(byKey(rows).map((r) => [r.day, r.caller])).toEqual([
      ['2026-02-28', 'web'],
      ['2026-03-01', 'web'],
    ]);
    expect(await store.read({ from: '2026-02-28', to: '2026-03-04', caller: 'nobody' })).toEqual([]);
  });

  it('When a caller id holds any characters (a JWT subject may), then it comes back exactly', async () => {
    const store = newStore();
    const caller = 'auth0|5f7c:"odd"\u001f,[]';
    await store.add(usageCall('2026-03-10', caller, 'claude-haiku-4-5'));
    expect((await store.read({ from: '2026-03-10', to: '2026-03-10', caller })).map((r) => r.caller)).toEqual([caller]);
  });
}
