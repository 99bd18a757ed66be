import { defineConfig } from 'vitest/config';

/** The end-to-end run: a real browser against real processes, one file at a time, bounded by generous timeouts. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // What the page shows is polled for, within a bound: a generation takes seconds at the simulated Claude's pace.
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
