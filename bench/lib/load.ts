/**
 * Load generation. Closed loop (fixed concurrency) runs on autocannon; every response is validated and its latency
 * recorded at full precision (autocannon's own histogram has 1 ms resolution, too coarse for sub-ms overheads).
 * Open loop (fixed arrival rate) uses undici directly: autocannon's `overallRate` splits the rate into an integer
 * per-connection rate per second, which degenerates at a few requests per second and turns closed-loop as soon as
 * one answer takes longer than a second (queued calls do).
 */
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { percentile, Samples } from './stats';
import { selfCpuMs } from './rig';

export interface Target {
  name: string;
  /** Origin, e.g. http://127.0.0.1:4000. */
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Each connection sends its own value of this header (e.g. one upstream key per connection). */
  perConnectionHeader?: { name: string; values: readonly string[] };
  /** undefined when the response is valid, else why not. */
  check(status: number, body: string): string | undefined;
}

export interface RunResult {
  target: string;
  /** Sorted latencies (ms) of the valid responses. */
  latencies: Float64Array;
  responses: number;
  /** Requests sent, including those still in flight when the run stopped (their upstream calls still happen). */
  sent: number;
  invalid: number;
  invalidExamples: string[];
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
  /** Valid responses per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Load generator CPU (this process) over the run, as a share of one core. */
  loadgenCpu: number;
}

export interface ClosedLoopOptions {
  connections: number;
  seconds: number;
  timeoutSeconds?: number;
}

/** Fixed concurrency for a fixed time; every response validated. */
export function closedLoop(target: Target, options: ClosedLoopOptions): Promise<RunResult> {
  const samples = new Samples();
  const invalidExamples: string[] = [];
  let invalid = 0;
  let responses = 0;
  let verdict: string | undefined;
  let nextConnection = 0;
  const perConnection = target.perConnectionHeader;
  const baseHeaders = { ...(target.body !== undefined && { 'content-type': 'application/json' }), ...target.headers };

  const requestSpec: autocannon.Request = {
    method: target.method,
    path: target.path,
    headers: baseHeaders,
    ...(target.body !== undefined && { body: target.body }),
    // Runs for every target (a no-op without a per-connection header) so the loadgen does the same work for each path.
    setupRequest: (req, context) => {
      const ctx = context as { header?: string };
      if (perConnection) {
        ctx.header ??= perConnection.values[nextConnection++ % perConnection.values.length];
        req.headers = { ...baseHeaders, [perConnection.name]: ctx.header };
      }
      return req;
    },
    onResponse: (status, body) => {
      responses++;
      verdict = target.check(status, body);
      if (verdict !== undefined) {
        invalid++;
        if (invalidExamples.length < 3) invalidExamples.push(`${status}: ${verdict}: ${body.slice(0, 300)}`);
      }
    },
  };

  return new Promise((resolve, reject) => {
    const cpuBefore = selfCpuMs();
    const started = performance.now();
    const instance = autocannon(
      {
        url: target.origin,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 30,
        requests: [requestSpec],
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const latencies = samples.sorted();
        resolve({
          target: target.name,
          latencies,
          responses,
          sent: Math.max(responses, result.requests.sent),
          invalid,
          invalidExamples,
          errors: result.errors + result.timeouts,
          seconds,
          rps: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          loadgenCpu: (selfCpuMs() - cpuBefore) / 1000 / seconds,
        });
      },
    );
    // Emitted right after onResponse for the same response, so `verdict` is this response's.
    (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      if (verdict === undefined) samples.push(ms);
    });
  });
}

// --- open loop ---------------------------------------------------------------------------------------------------

export interface OpenLoopRequest {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  kind: string;
}

export interface OpenLoopResponse {
  kind: string;
  status: number;
  body: string;
  ms: number;
  /** Set when the request failed at the socket level. */
  error?: string;
}

/**
 * Fixed arrival rate (requests are sent on schedule whatever the answers do: no coordinated omission), for
 * `count` requests; resolves when every answer is in. `next(i)` builds the i-th request.
 */
export async function openLoop(
  origin: string,
  ratePerSecond: number,
  count: number,
  next: (i: number) => OpenLoopRequest,
  options: { timeoutMs?: number } = {},
): Promise<OpenLoopResponse[]> {
  const dispatcher = new Agent({ connections: null, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
  const intervalMs = 1000 / ratePerSecond;
  const start = performance.now();
  const pending: Promise<OpenLoopResponse>[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(send(dispatcher, origin, next(i), options.timeoutMs ?? 120_000));
    }
    return await Promise.all(pending);
  } finally {
    await dispatcher.close();
  }
}

async function send(dispatcher: Agent, origin: string, spec: OpenLoopRequest, timeoutMs: number): Promise<OpenLoopResponse> {
  const started = performance.now();
  try {
    const response = await request(origin + spec.path, {
      dispatcher,
      method: spec.method,
      headers: { ...(spec.body !== undefined && { 'content-type': 'application/json' }), ...spec.headers },
      body: spec.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.body.text();
    return { kind: spec.kind, status: response.statusCode, body, ms: performance.now() - started };
  } catch (error) {
    return { kind: spec.kind, status: 0, body: '', ms: performance.now() - started, error: String(error) };
  }
}

/** Sends one request and returns status, body and latency (warm-ups, expected bodies, single cold queries). */
export async function once(origin: string, spec: Omit<OpenLoopRequest, 'kind'>): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await request(origin + spec.path, {
    method: spec.method,
    headers: { ...(spec.body !== undefined && { 'content-type': 'application/json' }), ...spec.headers },
    body: spec.body,
  });
  const body = await response.body.text();
  return { status: response.statusCode, body, ms: performance.now() - started };
}

/** A GraphQL POST body. */
export function gql(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables ? { query, variables } : { query });
}

/** Valid when HTTP 200, a JSON body without `errors`, and (when given) exactly the expected bytes. */
export function expectGraphQL(expected?: string): (status: number, body: string) => string | undefined {
  return (status, body) => {
    if (status !== 200) return `status ${status}`;
    if (expected !== undefined) return body === expected ? undefined : 'body differs from the expected bytes';
    if (body.includes('"errors"')) return 'GraphQL errors';
    return undefined;
  };
}

export function expectBytes(expected: string): (status: number, body: string) => string | undefined {
  return (status, body) => (status !== 200 ? `status ${status}` : body === expected ? undefined : 'body differs from the expected bytes');
}
