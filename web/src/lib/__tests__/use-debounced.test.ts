import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebounced } from '../use-debounced';

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('When the value changes every 100 ms for a while, then it settles only 400 ms after the last change, on the last value', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value, 400), { initialProps: { value: { prompt: '' } } });
    expect(result.current).toEqual({ prompt: '' });
    for (const prompt of ['M', 'Me', 'Men', 'Ment']) {
      rerender({ value: { prompt } });
      act(() => vi.advanceTimersByTime(100));
      expect(result.current).toEqual({ prompt: '' });
    }
    act(() => vi.advanceTimersByTime(299));
    expect(result.current).toEqual({ prompt: '' });
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toEqual({ prompt: 'Ment' });
  });

  it('When a new object with the same content comes in, then the wait does not start over', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value, 400), { initialProps: { value: { prompt: 'a' } } });
    rerender({ value: { prompt: 'b' } });
    act(() => vi.advanceTimersByTime(300));
    rerender({ value: { prompt: 'b' } });
    act(() => vi.advanceTimersByTime(100));
    expect(result.current).toEqual({ prompt: 'b' });
  });
});
