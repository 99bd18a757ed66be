import { type Rng, pickWeighted, seededRng } from './rng';

/** Relative weights of fault kinds; kinds left out are never picked. */
export type FaultWeights<K extends string> = Partial<Record<K, number>>;

/** What a scripted or random draw decides for one request: a fault kind, or `'ok'` for normal handling. */
export type Outcome<K extends string> = K | 'ok';

export interface FaultConfig<K extends string, R extends string> {
  faultRate: number;
  faults: FaultWeights<K>;
  /** Replaces `faults` for the routes it names, e.g. to fault only the write route. */
  faultsByRoute: Partial<Record<R, FaultWeights<K>>>;
}

/**
 * Decides the fault (if any) for each request: first the route's script, then a seeded dice roll. Scripts
 * make tests exact ("529, 529, then ok"); the dice make soak runs reproducible from the seed alone.
 */
export class FaultPlanner<K extends string, R extends string> {
  private readonly scripts = new Map<R, Array<Outcome<K>>>();
  private rng: Rng;

  constructor(
    readonly kinds: readonly K[],
    seed: number,
  ) {
    this.rng = seededRng(seed, 'faults');
  }

  reseed(seed: number): void {
    this.rng = seededRng(seed, 'faults');
  }

  /** Replaces the route's pending script: the next `outcomes.length` requests on it get these outcomes. */
  script(route: R, outcomes: ReadonlyArray<Outcome<K>>): void {
    for (const outcome of outcomes) {
      if (outcome !== 'ok' && !this.kinds.includes(outcome)) throw new Error(`unknown fault kind "${outcome}"`);
    }
    this.scripts.set(route, [...outcomes]);
  }

  clearScripts(): void {
    this.scripts.clear();
  }

  /**
   * The fault for the next request on `route`, or undefined for normal handling. `applies` narrows the random
   * draw to kinds that make sense for this request (no stream faults on a JSON request); scripted outcomes
   * are taken as given, the caller maps them.
   */
  next(route: R, config: FaultConfig<K, R>, applies?: (kind: K) => boolean): K | undefined {
    const scripted = this.scripts.get(route)?.shift();
    if (scripted !== undefined) return scripted === 'ok' ? undefined : scripted;
    if (config.faultRate <= 0 || this.rng() >= config.faultRate) return undefined;
    const weights = config.faultsByRoute[route] ?? config.faults;
    const candidates: Array<[K, number]> = [];
    for (const kind of this.kinds) {
      const weight = weights[kind];
      if (weight && weight > 0 && (!applies || applies(kind))) candidates.push([kind, weight]);
    }
    return pickWeighted(this.rng, candidates);
  }
}
