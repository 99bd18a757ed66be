import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same (by its JSON) for `delayMs`; the first value at once. For requests that
 * follow typing: one per pause, not one per keystroke.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
    // `key` stands for `value`: a new object with the same content is no change.
  }, [key, delayMs]);
  return settled;
}
