import { useEffect, useState } from 'react';

/**
 * Whole seconds until `deadline` (a clock time in ms), re-rendering once a second until it reaches 0.
 * Undefined deadline: undefined (no countdown).
 */
export function useSecondsLeft(deadline: number | undefined, now: () => number = Date.now): number | undefined {
  const compute = () => (deadline === undefined ? undefined : Math.max(0, Math.ceil((deadline - now()) / 1000)));
  const [secondsLeft, setSecondsLeft] = useState(compute);
  useEffect(() => {
    setSecondsLeft(compute());
    if (deadline === undefined) return;
    const timer = setInterval(() => {
      const left = compute();
      setSecondsLeft(left);
      if (left === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline, now]);
  return secondsLeft;
}
