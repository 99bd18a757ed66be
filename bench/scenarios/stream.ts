/**
 * Scenario 6 — streaming. `generateContentStream` over POST /graphql/stream (graphql-sse's own client, as the app
 * uses it) against the Claude simulator at a paced, Sonnet-like speed:
 *   first delta   time to the first SnippetDelta through the BFF vs the first text_delta straight from the simulator
 *                 (a streamed Messages call), one stream at a time and 64 together (at once and ramped);
 *   sequence      the whole sequence, parallel: false vs parallel: true, vs the same call made blocking straight to
 *                 the simulator (what a client of the mutation waits for);
 *   cancel        client abort → the simulator sees the upstream request closed;
 *   concurrency   256 streams at once against the BFF on one core: first-delta p50/p99, all completed, the BFF's
 *                 event-loop delay, memory per open stream.
 */
import { request } from 'undici';
import { Scrape } from '../../src/testing/prometheus-text';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, type BffProcess, type SimProcess, sleep, startBff, startSimProcess } from '../lib/rig';
import { settings } from '../lib/settings';
import { fmt, median, percentile, sortedCopy } from '../lib/stats';
import { direct, lead, MAX_TOKENS, type StreamTiming, streamOnce } from './stream-clients';
import {
  type ConcurrentFirstDelta,
  concurrentBar,
  concurrentHeader,
  concurrentRow,
  FIRST_DELTA_RAMP_MS,
  measureConcurrentFirstDelta,
  STREAMS,
} from './stream-concurrent-first-delta';

/** Claude Sonnet's pace on the simulator's knobs: ~0.6 s to the first token, then ~60 tokens/s, 16 characters per event. */
const PACE = { ttftMs: 600, tokensPerSecond: 60, sseChunkChars: 16 };
const CONCURRENT = 256;
/** The concurrency run starts its streams over this long (an open loop), then all of them stream at once. */
const RAMP_MS = 1_000;
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

async function metricsOf(bff: BffProcess): Promise<Scrape> {
  const res = await request(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return new Scrape(await res.body.text());
}

interface FirstDelta {
  bff: number[];
  directStreamed: number[];
}

async function measureFirstDelta(sims: SimProcess, bff: BffProcess, samples: number): Promise<FirstDelta> {
  const result: FirstDelta = { bff: [], directStreamed: [] };
  // Interleaved, so drift on a shared machine hits both alike.
  for (let i = 0; i < samples; i++) {
    result.directStreamed.push(await direct(sims, i, true));
    const timing = await streamOnce(bff, { lead: lead(i) }, undefined, true);
    if (timing.ended !== 'first delta') throw new Error(`stream ended ${timing.ended}`);
    result.bff.push(timing.firstDeltaMs);
  }
  return result;
}

interface Sequence {
  /** The same Messages call made blocking, straight to the simulator: what the mutation's client waits for. */
  blocking: number[];
  sequential: number[];
  parallel: number[];
}

async function measureSequence(sims: SimProcess, bff: BffProcess, samples: number): Promise<Sequence> {
  const blocking: number[] = [];
  const sequential: number[] = [];
  const parallel: number[] = [];
  for (let i = 0; i < samples; i++) {
    blocking.push(await direct(sims, 1000 + i, false));
    sequential.push((await streamOnce(bff, { lead: lead(1000 + i), parallel: false })).totalMs);
    parallel.push((await streamOnce(bff, { lead: lead(2000 + i), parallel: true })).totalMs);
  }
  return { blocking, sequential, parallel };
}

/** From the client's abort to the simulator seeing the upstream request closed (polled every 5 ms). */
async function measureCancel(sims: SimProcess, bff: BffProcess, samples: number): Promise<number[]> {
  await sims.claude.configure({ hang: true });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const controller = new AbortController();
      const stream = streamOnce(bff, { lead: lead(3000 + i) }, controller.signal);
      while ((await sims.claude.stats()).inFlight < 1) await sleep(5);
      const aborted = performance.now();
      controller.abort();
      await stream;
      while ((await sims.claude.stats()).inFlight > 0) await sleep(5);
      latencies.push(performance.now() - aborted);
    }
  } finally {
    await sims.claude.configure({ hang: false });
  }
  return latencies;
}

interface Concurrency {
  timings: StreamTiming[];
  loopMaxMs: number;
  loopP99Ms: number;
  peakOpen: number;
  heapPerStreamKb: number;
  rssPerStreamKb: number;
}

/** Starts the streams `rampMs` apart in all (0: at once) and measures while they run. */
async function measureConcurrency(bff: BffProcess, rampMs: number): Promise<Concurrency> {
  // Each scrape resets the BFF's event-loop delay histogram, so the worst of the scrapes is the run's.
  const before = await metricsOf(bff);
  let peak = { open: 0, heap: 0, rss: 0 };
  let loopMaxMs = 0;
  let loopP99Ms = 0;
  let running = true;
  const sample = async () => {
    const scrape = await metricsOf(bff);
    loopMaxMs = Math.max(loopMaxMs, scrape.value('bff_nodejs_eventloop_lag_max_seconds') * 1000);
    loopP99Ms = Math.max(loopP99Ms, scrape.value('bff_nodejs_eventloop_lag_p99_seconds') * 1000);
    return scrape;
  };
  const sampling = (async () => {
    while (running) {
      const scrape = await sample();
      const open = scrape.value('bff_generation_streams_open');
      if (open > peak.open) {
        peak = { open, heap: scrape.value('bff_nodejs_heap_size_used_bytes'), rss: scrape.value('bff_process_resident_memory_bytes') };
      }
      await sleep(100);
    }
  })();
  const started: Promise<StreamTiming>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < CONCURRENT; i++) {
    const due = t0 + (i * rampMs) / CONCURRENT - performance.now();
    if (due > 1) await sleep(due);
    started.push(streamOnce(bff, { lead: lead(4000 + rampMs + i) }));
  }
  const timings = await Promise.all(started);
  running = false;
  await sampling;
  await sample();
  const perStream = (bytes: number, base: number) => (peak.open > 0 ? (bytes - base) / peak.open / 1024 : Number.NaN);
  return {
    timings,
    loopMaxMs,
    loopP99Ms,
    peakOpen: peak.open,
    heapPerStreamKb: perStream(peak.heap, before.value('bff_nodejs_heap_size_used_bytes')),
    rssPerStreamKb: perStream(peak.rss, before.value('bff_process_resident_memory_bytes')),
  };
}

export async function stream(log: (line: string) => void): Promise<Section> {
  const samples = settings.quick ? 5 : 20;
  const sims = await startSimProcess({
    seed: 7,
    claude: {
      ...PACE,
      requestsPerMinute: 1_000_000,
      inputTokensPerMinute: 1_000_000_000,
      outputTokensPerMinute: 1_000_000_000,
      countTokensPerMinute: 1_000_000,
    },
  });
  const bff = await startBff(
    'stream',
    bffEnv(sims, {
      CLAUDE_MODEL: 'claude-sonnet-4-6',
      CLAUDE_MAX_TOKENS: String(MAX_TOKENS),
      CLAUDE_MAX_CONCURRENCY: '1024',
      CLAUDE_REQUESTS_PER_MINUTE: '1000000',
      CLAUDE_INPUT_TOKENS_PER_MINUTE: '1000000000',
      CLAUDE_OUTPUT_TOKENS_PER_MINUTE: '1000000000',
      UPSTREAM_QUEUE_MAX: '10000',
    }),
  );
  try {
    // Warm-up: JIT on both paths, keep-alive sockets.
    await measureFirstDelta(sims, bff, 3);
    const first = await measureFirstDelta(sims, bff, samples);
    log(`  first delta: ${samples} samples each`);
    const rounds = settings.quick ? 2 : 4;
    const concurrentFirst = [
      await measureConcurrentFirstDelta(sims, bff, 0, rounds),
      await measureConcurrentFirstDelta(sims, bff, FIRST_DELTA_RAMP_MS, rounds),
    ];
    log(`  first delta, ${STREAMS} streams, ${rounds} rounds each way: ${concurrentFirst.map((run) => concurrentRow(run).join(' | ')).join('; ')}`);
    const sequence = await measureSequence(sims, bff, settings.quick ? 2 : 5);
    const cancel = await measureCancel(sims, bff, settings.quick ? 5 : 10);
    log(`  cancel: ${cancel.length} samples`);
    const ramped = await measureConcurrency(bff, RAMP_MS);
    log(`  ${CONCURRENT} streams started over ${RAMP_MS} ms: done`);
    const burst = await measureConcurrency(bff, 0);
    log(`  ${CONCURRENT} streams started at once: done`);
    return render(first, concurrentFirst, sequence, cancel, { ramped, burst }, log);
  } finally {
    await bff.stop();
    await sims.proc.stop();
  }
}

function render(
  first: FirstDelta,
  concurrentFirst: ConcurrentFirstDelta[],
  sequence: Sequence,
  cancel: number[],
  runs: { ramped: Concurrency; burst: Concurrency },
  log: (line: string) => void,
): Section {
  const p = (values: number[], q: number) => percentile(sortedCopy(values), q);
  const firstRows: (string | number)[][] = [
    ['simulator, streamed: first text_delta (Claude\'s first token)', fmt.ms(median(first.directStreamed), 0), fmt.ms(p(first.directStreamed, 99), 0)],
    ['BFF stream: first SnippetDelta', fmt.ms(median(first.bff), 0), fmt.ms(p(first.bff, 99), 0)],
  ];
  const afterFirstToken = median(first.bff) - median(first.directStreamed);
  const seqRows = [
    ['simulator straight, blocking (what the mutation waits for)', fmt.ms(median(sequence.blocking), 0), fmt.ms(Math.max(...sequence.blocking), 0)],
    ['parallel: false', fmt.ms(median(sequence.sequential), 0), fmt.ms(Math.max(...sequence.sequential), 0)],
    ['parallel: true', fmt.ms(median(sequence.parallel), 0), fmt.ms(Math.max(...sequence.parallel), 0)],
  ];
  const completedOf = (c: Concurrency) => c.timings.filter((t) => t.ended === 'completed').length;
  const row = (label: string, cell: (c: Concurrency) => string) => [label, cell(runs.ramped), cell(runs.burst)];
  const firstDeltas = (c: Concurrency) => c.timings.map((t) => t.firstDeltaMs).filter(Number.isFinite);
  const totals = (c: Concurrency) => c.timings.map((t) => t.totalMs);
  const concRows = [
    row('streams completed', (c) => {
      const others = [...new Set(c.timings.filter((t) => t.ended !== 'completed').map((t) => t.ended))];
      return `${completedOf(c)} / ${c.timings.length}${others.length ? ` (others: ${others.join(', ')})` : ''}`;
    }),
    row('first delta p50 / p99 (ms)', (c) => `${fmt.ms(p(firstDeltas(c), 50), 0)} / ${fmt.ms(p(firstDeltas(c), 99), 0)}`),
    row('whole stream p50 / p99 (ms)', (c) => `${fmt.ms(p(totals(c), 50), 0)} / ${fmt.ms(p(totals(c), 99), 0)}`),
    row('BFF event-loop delay: max / worst p99 of 100 ms windows (ms)', (c) => `${fmt.ms(c.loopMaxMs, 1)} / ${fmt.ms(c.loopP99Ms, 1)}`),
    row('peak streams open (sampled every 100 ms)', (c) => String(c.peakOpen)),
    row('memory per open stream: heap / RSS (KiB)', (c) => `${fmt.ms(c.heapPerStreamKb, 1)} / ${fmt.ms(c.rssPerStreamKb, 1)}`),
  ];
  const concHeader = [`${CONCURRENT} streams, BFF on one core`, `started over ${RAMP_MS} ms`, 'started at once'];
  const c = runs.ramped;
  const completed = completedOf(c);
  log(consoleTable(['first delta (ms)', 'p50', 'p99'], firstRows));
  log(`  BFF first delta − simulator first token: ${fmt.signedMs(afterFirstToken, 0)} ms`);
  const concurrentRows = concurrentFirst.map(concurrentRow);
  log(consoleTable(concurrentHeader, concurrentRows));
  log(consoleTable(['whole sequence (ms)', 'p50', 'max'], seqRows));
  log(`  cancel → upstream closed: p50 ${fmt.ms(median(cancel), 0)} ms, max ${fmt.ms(Math.max(...cancel), 0)} ms`);
  log(consoleTable(concHeader, concRows));

  const bars: Bar[] = [
    {
      bar: 'streaming: first delta ≤ 400 ms after Claude\'s first token',
      measured: `${fmt.signedMs(afterFirstToken, 0)} ms (p50)`,
      holds: afterFirstToken <= 400,
    },
    ...concurrentFirst.map(concurrentBar),
    { bar: 'streaming: cancel aborts upstream ≤ 1 s', measured: `max ${fmt.ms(Math.max(...cancel), 0)} ms`, holds: Math.max(...cancel) <= 1000 },
    {
      bar: `streaming: ${CONCURRENT} streams on one core without stalls`,
      measured: `${completed}/${c.timings.length} completed, loop delay max ${fmt.ms(c.loopMaxMs, 0)} ms (started over ${RAMP_MS} ms)`,
      holds: completed === c.timings.length && c.loopMaxMs <= 100,
    },
    {
      bar: 'full 7-snippet sequence < 5 s (parallel mode, realistic pace)',
      measured: `${fmt.ms(median(sequence.parallel), 0)} ms (p50)`,
      holds: median(sequence.parallel) < 5000,
    },
  ];
  const markdown = [
    `Simulator pace (Claude Sonnet's): the first token ${PACE.ttftMs} ms after message_start, then ${PACE.tokensPerSecond} tokens/s in events of ${PACE.sseChunkChars} characters; ` +
      'a blocking answer comes after the time the whole text takes at that pace.',
    '',
    table(['first delta (ms)', 'p50', 'p99'], firstRows),
    '',
    `BFF first delta − simulator first token: ${fmt.signedMs(afterFirstToken, 0)} ms (p50). The BFF's first-delta samples unsubscribe at that delta.`,
    '',
    `${STREAMS} streams together, in rounds: a batch straight to the simulator and a batch through the BFF, one after the other, the order`,
    'alternating per round; the overhead is the BFF\'s percentile minus the simulator\'s over all samples of the run.',
    '',
    table(concurrentHeader, concurrentRows),
    '',
    table(['whole sequence (ms)', 'p50', 'max'], seqRows),
    '',
    `Cancel → the simulator sees the upstream request closed (a stream waiting on Claude): p50 ${fmt.ms(median(cancel), 0)} ms, max ${fmt.ms(Math.max(...cancel), 0)} ms over ${cancel.length}.`,
    '',
    table(concHeader, concRows),
    '',
    'Claude (simulated) writes at the pace above. The bar is judged on the ramped run: a burst of simultaneous arrivals holds the loop for the sum of their set-up work (the same for generateContent on /graphql).',
  ].join('\n');
  return { id: 'stream', title: '6. Streaming: generateContentStream over POST /graphql/stream', markdown, bars };
}
