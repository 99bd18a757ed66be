import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What the stream route reports about each streamed generation. */
export interface StreamMetrics {
  /** A stream was accepted and is sending events. */
  opened(): void;
  /** That stream ended, however. */
  closed(): void;
  /** The first text went out this long after the request arrived. */
  firstDelta(seconds: number): void;
  /** `ok`, `cancelled` (the client left first) or the error code it ended with. */
  ended(outcome: string): void;
}

export function streamMetrics(registry: Registry): StreamMetrics {
  const registers = [registry];
  const open = new Gauge({
    name: 'bff_generation_streams_open',
    help: 'Streamed generations (POST /graphql/stream) sending events right now.',
    registers,
  });
  const firstDelta = new Histogram({
    name: 'bff_generation_stream_first_delta_seconds',
    help: "Time from a stream's request to its first SnippetDelta leaving the server (queue wait and Claude's first token included).",
    // Claude's first token takes ~0.5–1.5 s; a queued generation waits longer.
    buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 40],
    registers,
  });
  const outcomes = new Counter({
    name: 'bff_generation_streams_total',
    help: 'Streamed generations by outcome: ok, cancelled (the client left before the end) or the error code they ended with.',
    labelNames: ['outcome'] as const,
    registers,
  });
  return {
    opened: () => open.inc(),
    closed: () => open.dec(),
    firstDelta: (seconds) => firstDelta.observe(seconds),
    ended: (outcome) => outcomes.inc({ outcome }),
  };
}
