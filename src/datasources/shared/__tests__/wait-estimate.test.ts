import type { GateStoreSnapshot } from '../gate/gate-store';
import { estimateWaitMs, type WaitEstimateInput } from '../gate/wait-estimate';

const idle: GateStoreSnapshot = { maxConcurrency: 1, leased: 0, budgets: [] };

function input(overrides: Partial<WaitEstimateInput>): WaitEstimateInput {
  return { now: 0, store: idle, ahead: 0, demandAhead: {}, cost: { requests: 1 }, serviceMs: 0, usageRatio: {}, inFlightReserved: {}, ...overrides };
}

describe('estimateWaitMs', () => {
  it('is zero when a slot and the budget are free', () => {
    expect(estimateWaitMs(input({}))).toBe(0);
  });

  it('counts service rounds through the concurrency slots', () => {
    // 1 leased + 3 ahead through 1 slot: 4 completions before our turn.
    expect(estimateWaitMs(input({ store: { ...idle, leased: 1 }, ahead: 3, serviceMs: 100 }))).toBe(400);
    // The same through 2 slots: ceil((1 + 3 - 2 + 1) / 2) = 2 rounds.
    expect(estimateWaitMs(input({ store: { ...idle, maxConcurrency: 2, leased: 1 }, ahead: 3, serviceMs: 100 }))).toBe(200);
  });

  it('waits out the missing tokens at the refill rate, expecting the observed refunds', () => {
    const store: GateStoreSnapshot = {
      ...idle,
      maxConcurrency: 10,
      budgets: [{ dimension: 'output_tokens', limit: 6_000, remaining: 0, refillPerMs: 0.1 }],
    };
    const cost = { output_tokens: 1_000 };
    expect(estimateWaitMs(input({ store, cost, demandAhead: { output_tokens: 2_000 } }))).toBe(30_000);
    // Calls typically use a quarter of what they reserve: half the queue's demand and a refund are expected.
    expect(
      estimateWaitMs(
        input({ store, cost, demandAhead: { output_tokens: 2_000 }, usageRatio: { output_tokens: 0.25 }, inFlightReserved: { output_tokens: 400 } }),
      ),
    ).toBe(12_000);
  });

  it('takes the longest of pause, concurrency and budget, which overlap in time', () => {
    const store: GateStoreSnapshot = {
      maxConcurrency: 1,
      leased: 1,
      pausedUntil: 700,
      budgets: [{ dimension: 'requests', limit: 1, remaining: 0, refillPerMs: 0.004 }],
    };
    expect(estimateWaitMs(input({ now: 200, store, serviceMs: 300 }))).toBe(500);
  });
});
