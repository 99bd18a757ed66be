import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, logger } from '../../logging/logger';
import { CONTROL_PREFIX, type Controllable, serveControlRoute } from './control-routes';
import { FaultPlanner, type Outcome } from './faults';
import { formatOrigin, pause, sendReply } from './http';
import type { CommonSimOptions } from './options';
import { type Rng, seededRng } from './rng';
import { type BaseStats, bump, trackOpenRequest } from './stats';

const log = logger.child({ component: 'simulator' });

export interface SimulatorSpec<K extends string, R extends string> {
  name: string;
  faultKinds: readonly K[];
  routes: readonly R[];
  /** Appended to the origin to form `url`, e.g. `/rest` for Woodpecker. */
  basePath: string;
}

/** The parts of a request every vendor handler needs, parsed once. */
export interface RequestTarget<R extends string> {
  route: R | undefined;
  path: string;
  /** The raw query string without `?` ('' when absent); parsed only by handlers that need it. */
  query: string;
}

/**
 * Lifecycle, knobs, stats and fault dice shared by both simulators. Subclasses only say which route a path is
 * and how to serve it; everything a test or benchmark drives (configure, script, stats, close) lives here.
 */
export abstract class SimulatorBase<
  O extends CommonSimOptions<K, R>,
  S extends BaseStats,
  K extends string,
  R extends string,
> {
  readonly stats: S;
  protected options: O;
  private readonly faultPlanner: FaultPlanner<K, R>;
  /** Aborted by close(): wakes every delayed, queued or hanging handler so shutdown never waits on a timer. */
  protected readonly closing = new AbortController();
  private jitterRng: Rng;
  private server: Server | undefined;
  private origin = '';

  protected constructor(
    private readonly spec: SimulatorSpec<K, R>,
    options: Partial<O>,
  ) {
    this.options = this.parseOptions(options);
    this.stats = this.freshStats();
    this.faultPlanner = new FaultPlanner(spec.faultKinds, this.options.seed);
    this.jitterRng = seededRng(this.options.seed, 'latency');
  }

  /** The base URL clients are configured with. */
  get url(): string {
    return this.origin + this.spec.basePath;
  }

  /** `http://host:port`, where the `/__sim/*` control routes live. */
  get controlUrl(): string {
    return this.origin;
  }

  get apiKey(): string {
    return this.options.apiKey;
  }

  currentOptions(): Readonly<O> {
    return this.options;
  }

  async listen(): Promise<this> {
    const server = createServer({ noDelay: true }, (req, res) => this.dispatch(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.origin = formatOrigin(this.options.host, (server.address() as AddressInfo).port);
    this.server = server;
    return this;
  }

  /** Changes knobs at runtime; unknown keys and bad values throw, leaving the options untouched. */
  configure(partial: Partial<O>): void {
    const next = this.parseOptions({ ...this.options, ...partial });
    const previousSeed = this.options.seed;
    this.options = next;
    if (next.seed !== previousSeed) {
      this.faultPlanner.reseed(next.seed);
      this.jitterRng = seededRng(next.seed, 'latency');
      this.onReseed(next.seed);
    }
    this.onConfigured();
  }

  /** Forces the outcomes of the next requests on `route`, ahead of any random fault. */
  script(route: R, outcomes: ReadonlyArray<Outcome<K>>): void {
    if (!this.spec.routes.includes(route)) throw new Error(`unknown route "${route}"`);
    this.faultPlanner.script(route, outcomes);
  }

  /** Zeroes counters in place, so references tests hold stay live; gauges keep their current value. */
  resetStats(): void {
    const inFlight = this.stats.inFlight;
    Object.assign(this.stats, this.freshStats(), { inFlight, maxInFlight: inFlight });
  }

  /** Restores the simulator's data (and quota state) to what a fresh start with the current options has. */
  abstract resetData(): void;

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.closing.abort();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  protected abstract freshStats(): S;
  protected abstract routeOf(method: string, path: string): R | undefined;
  protected abstract serve(req: IncomingMessage, res: ServerResponse, target: RequestTarget<R>): Promise<void>;
  /** The whole option set from a partial one, by the simulator's strict schema (defaults filled, bad input throws). */
  protected abstract parseOptions(input: Partial<O>): O;

  /** Lets a subclass resize what depends on options (quota buckets). */
  protected onConfigured(): void {}
  protected onReseed(_seed: number): void {}

  /** The configured service time; resolves false when the caller should stop (client gone or closing). */
  protected serviceDelay(res?: ServerResponse): Promise<boolean> | boolean {
    const { latencyMs, latencyJitterMs } = this.options;
    const jitter = latencyJitterMs > 0 ? this.jitterRng() * latencyJitterMs : 0;
    return pause(latencyMs + jitter, this.closing.signal, res);
  }

  protected pause(ms: number, res?: ServerResponse): Promise<boolean> | boolean {
    return pause(ms, this.closing.signal, res);
  }

  protected accepts(key: string | undefined): key is string {
    return key !== undefined && (key === this.options.apiKey || this.options.extraApiKeys.includes(key));
  }

  protected drawFault(route: R, applies?: (kind: K) => boolean): K | undefined {
    return this.faultPlanner.next(route, this.options, applies);
  }

  /** Counted when a fault is actually applied, not when drawn (a queued request may be dropped first). */
  protected countFault(kind: K): void {
    bump(this.stats.faultsInjected, kind);
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    if (path.startsWith(CONTROL_PREFIX)) {
      serveControlRoute(req, res, path, this.controls()).catch((error: unknown) => this.fail(res, error));
      return;
    }
    const route = this.routeOf(req.method ?? 'GET', path);
    this.stats.requests++;
    bump(this.stats.byRoute, route ?? 'unknown');
    trackOpenRequest(this.stats, res);
    const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
    this.serve(req, res, { route, path, query }).catch((error: unknown) => this.fail(res, error));
  }

  /** JSON from another process is untyped; configure() and script() validate it at run time. */
  private controls(): Controllable {
    return {
      stats: this.stats,
      currentOptions: () => this.options,
      configure: (partial) => this.configure(partial as Partial<O>),
      script: (route, outcomes) => this.script(route as R, outcomes as Array<Outcome<K>>),
      resetStats: () => this.resetStats(),
      resetData: () => this.resetData(),
    };
  }

  private fail(res: ServerResponse, error: unknown): void {
    log.error('simulator handler failed', { simulator: this.spec.name, error: describeError(error) });
    if (res.headersSent) res.destroy();
    else sendReply(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'simulator error' });
  }
}
