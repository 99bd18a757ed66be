import { MemoryUsageStore } from '../memory-usage-store';
import { usageCall, usageStoreContract } from './usage-store-contract';

describe('MemoryUsageStore', () => {
  usageStoreContract(() => new MemoryUsageStore());

  it('When a new day starts, then days older than the 40-day retention are dropped', async () => {
    const store = new MemoryUsageStore();
    await store.add(usageCall('2026-01-20', 'web', 'm'));
    await store.add(usageCall('2026-01-21', 'web', 'm'));
    await store.add(usageCall('2026-03-01', 'web', 'm')); // it and the 39 days before it are kept: back to 2026-01-21
    expect((await store.read({ from: '2000-01-01', to: '2100-01-01' })).map((r) => r.day)).toEqual(['2026-01-21', '2026-03-01']);
  });

  it('When a row it returned is changed, then the store is not', async () => {
    const store = new MemoryUsageStore();
    await store.add(usageCall('2026-03-10', 'web', 'm'));
    const [row] = await store.read({ from: '2026-03-10', to: '2026-03-10' });
    row!.requests = 99;
    expect((await store.read({ from: '2026-03-10', to: '2026-03-10' }))[0]?.requests).toBe(1);
  });
});
