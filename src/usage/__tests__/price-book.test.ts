import { PriceBook } from '../price-book';

const prices = new PriceBook({
  'claude-sonnet-4': { inputPerMTok: 2, outputPerMTok: 10 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
});

describe('PriceBook', () => {
  it('When a model is listed, then its price applies per million tokens', () => {
    expect(prices.costUsd('claude-sonnet-4-5', 1_000_000, 100_000)).toBeCloseTo(3 + 1.5, 12);
  });

  it('When Claude answers with a dated snapshot, then the longest listed family it extends prices it', () => {
    expect(prices.priceOf('claude-sonnet-4-5-20250929')).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(prices.priceOf('claude-sonnet-4-20250514')).toEqual({ inputPerMTok: 2, outputPerMTok: 10 });
  });

  it('When a model is not listed, then its cost is unknown, not zero', () => {
    expect(prices.costUsd('claude-opus-9', 1000, 1000)).toBeUndefined();
    expect(prices.priceOf('claude-sonnet-45')).toBeUndefined();
  });
});
