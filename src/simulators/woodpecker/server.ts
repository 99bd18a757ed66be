import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Reply, jsonReply, parseJsonObject, readBody, sendReply } from '../shared/http';
import { type Rng, seededRng } from '../shared/rng';
import { SimulatorBase, type RequestTarget } from '../shared/simulator-base';
import { type BaseStats, baseStats } from '../shared/stats';
import { TokenBucket } from '../shared/token-bucket';
import { empty200Reply, htmlErrorReply, malformedReply, resetConnection } from '../shared/transport-faults';
import { v1Error, v1Status, v2Error } from './errors';
import {
  WOODPECKER_FAULT_KINDS,
  WOODPECKER_ROUTES,
  type WoodpeckerFaultKind,
  type WoodpeckerRoute,
  type WoodpeckerSimOptions,
  woodpeckerOptions,
} from './options';
import { OneAtATimeQueue } from './queue';
import { addProspectsToCampaign } from './routes/add-prospects';
import { campaignList } from './routes/campaign-list';
import { CAMPAIGN_ACTIONS, campaignV2Action, getCampaignV2 } from './routes/campaigns-v2';
import type { RouteContext, RouteHandler } from './routes/context';
import { me } from './routes/me';
import { deleteProspects, listProspects } from './routes/prospects';
import { WoodpeckerStore } from './store';
import { WireFormat } from './wire';

export interface WoodpeckerStats extends BaseStats {
  /**
   * Most requests in Woodpecker's hands at once for one key, from arrival until its work on them is done: queued
   * ones included, and whether or not the client is still connected. The BFF must keep this at 1.
   */
  maxConcurrentPerKey: number;
  /** E_TOO_MANY_REQUESTS answers of the queue model: queue full on arrival, or waited too long. */
  dropped: number;
  queueTimeouts: number;
  queuedMax: number;
  /** Write faults that struck after the data changed (the answer was lost) or before (nothing happened). */
  faultsAfterApply: number;
  faultsBeforeApply: number;
}

const HANDLERS: Record<WoodpeckerRoute, RouteHandler> = {
  me,
  campaign_list: campaignList,
  prospects: listProspects,
  add_prospects_campaign: addProspectsToCampaign,
  delete_prospects: deleteProspects,
  campaign_v2: getCampaignV2,
  campaign_v2_action: campaignV2Action,
};

const WRITE_ROUTES: ReadonlySet<WoodpeckerRoute> = new Set(['add_prospects_campaign', 'delete_prospects', 'campaign_v2_action']);

/** Raised in front of the application (throttle, load balancer): never queued, never touching data. */
function isEdgeFault(kind: WoodpeckerFaultKind): kind is 'too_many_requests' | 'unavailable' {
  return kind === 'too_many_requests' || kind === 'unavailable';
}

/** Faults that mangle the real answer, so a read must compute it first. */
const MANGLING_FAULTS: ReadonlySet<WoodpeckerFaultKind> = new Set(['reset', 'malformed']);

const V1_ROUTES: Record<string, Partial<Record<string, WoodpeckerRoute>>> = {
  '/rest/v1/me': { GET: 'me' },
  '/rest/v1/campaign_list': { GET: 'campaign_list' },
  '/rest/v1/prospects': { GET: 'prospects', DELETE: 'delete_prospects' },
  '/rest/v1/add_prospects_campaign': { POST: 'add_prospects_campaign' },
};
const V2_CAMPAIGNS = '/rest/v2/campaigns/';

const isV2 = (path: string) => path.startsWith('/rest/v2/');

type KnownTarget = RequestTarget<WoodpeckerRoute> & { route: WoodpeckerRoute };

/** A fake Woodpecker REST API (`url` ends in `/rest`), with its one-request-at-a-time-per-key queue. */
export class WoodpeckerSimulator extends SimulatorBase<
  WoodpeckerSimOptions,
  WoodpeckerStats,
  WoodpeckerFaultKind,
  WoodpeckerRoute
> {
  private data: WoodpeckerStore;
  private wire: WireFormat;
  private readonly queue = new OneAtATimeQueue(() => this.options);
  private readonly openByKey = new Map<string, number>();
  private readonly quotaByKey = new Map<string, TokenBucket>();
  /** After-apply decisions and error-body flavours: its own stream so they do not shift the fault dice. */
  private variantRng: Rng;

  constructor(options: Partial<WoodpeckerSimOptions> = {}) {
    super(
      { name: 'woodpecker', faultKinds: WOODPECKER_FAULT_KINDS, routes: WOODPECKER_ROUTES, basePath: '/rest' },
      options,
    );
    this.data = WoodpeckerStore.seeded(this.options.seed, this.options);
    this.wire = new WireFormat(this.data);
    this.variantRng = seededRng(this.options.seed, 'woodpecker-variants');
  }

  /** The live account data; replaced by a data reset, so read it through this getter each time. */
  get store(): WoodpeckerStore {
    return this.data;
  }

  resetData(): void {
    this.data = WoodpeckerStore.seeded(this.options.seed, this.options);
    this.wire = new WireFormat(this.data);
    this.quotaByKey.clear();
  }

  override resetStats(): void {
    super.resetStats();
    this.stats.maxConcurrentPerKey = Math.max(0, ...this.openByKey.values());
  }

  override async close(): Promise<void> {
    this.queue.drain();
    await super.close();
  }

  protected freshStats(): WoodpeckerStats {
    return {
      ...baseStats(),
      maxConcurrentPerKey: 0,
      dropped: 0,
      queueTimeouts: 0,
      queuedMax: 0,
      faultsAfterApply: 0,
      faultsBeforeApply: 0,
    };
  }

  protected parseOptions(input: Partial<WoodpeckerSimOptions>): WoodpeckerSimOptions {
    return woodpeckerOptions(input);
  }

  protected override onReseed(seed: number): void {
    this.variantRng = seededRng(seed, 'woodpecker-variants');
  }

  protected override onConfigured(): void {
    const { requestsPerMinute, quotaWindowMs } = this.options;
    const now = Date.now();
    for (const bucket of this.quotaByKey.values()) bucket.resize(requestsPerMinute, quotaWindowMs, now);
  }

  protected routeOf(method: string, path: string): WoodpeckerRoute | undefined {
    const v1 = V1_ROUTES[path];
    if (v1) return v1[method];
    if (!path.startsWith(V2_CAMPAIGNS)) return undefined;
    const [id, action, ...extra] = path.slice(V2_CAMPAIGNS.length).split('/');
    if (!id || extra.length > 0) return undefined;
    if (action === undefined) return method === 'GET' ? 'campaign_v2' : undefined;
    return method === 'POST' && (CAMPAIGN_ACTIONS as readonly string[]).includes(action) ? 'campaign_v2_action' : undefined;
  }

  protected async serve(
    req: IncomingMessage,
    res: ServerResponse,
    { route, path, query }: RequestTarget<WoodpeckerRoute>,
  ): Promise<void> {
    if ((req.url ?? '').length > this.options.maxUrlLength) return sendReply(res, htmlErrorReply(414, 'nginx'));
    const v2 = isV2(path);
    if (!route) {
      const message = `Unknown endpoint ${req.method ?? 'GET'} ${path}`;
      return sendReply(res, v2 ? v2Error(404, message) : v1Error('E_URL_NOT_FOUND', message, 404));
    }
    const key = this.authenticate(req);
    if (!key) {
      const { authErrorStatus } = this.options;
      return sendReply(res, v2 ? v2Error(401, 'Invalid api key') : v1Error('E_SESSION', 'Invalid API key', authErrorStatus));
    }
    // In Woodpecker's hands from arrival until its work is done, whether or not our client is still connected.
    this.openForKey(key, +1);
    try {
      await this.process(req, res, { route, path, query }, key);
    } finally {
      this.openForKey(key, -1);
    }
  }

  /** One request of an authenticated key, to the end of Woodpecker's work on it (the client may have left). */
  private async process(req: IncomingMessage, res: ServerResponse, target: KnownTarget, key: string): Promise<void> {
    const { route, path, query } = target;
    const v2 = isV2(path);
    if (!this.quotaAllows(key)) {
      this.stats.quotaViolations++;
      this.stats.rateLimited++;
      return sendReply(res, this.tooManyRequests(v2));
    }

    const fault = this.drawFault(route);
    const write = WRITE_ROUTES.has(route);
    if (fault !== undefined && isEdgeFault(fault)) {
      this.countFault(fault);
      if (write) this.stats.faultsBeforeApply++;
      return sendReply(res, this.faultReply(fault, undefined, v2));
    }

    const body = req.method === 'POST' ? await readBody(req, this.options.maxBodyBytes) : undefined;
    if (body?.kind === 'too_large') return sendReply(res, htmlErrorReply(413, 'nginx'));
    const pending = this.queue.acquire(key);
    if (typeof pending !== 'string') this.stats.queuedMax = Math.max(this.stats.queuedMax, this.queue.depth(key));
    const admission = await pending;
    if (admission !== 'granted') {
      this.stats.dropped++;
      if (admission === 'timed_out') this.stats.queueTimeouts++;
      return sendReply(res, this.tooManyRequests(v2));
    }
    try {
      // Once admitted the server does its work even if the client leaves, as the real one does.
      if (!(await this.serviceDelay())) return;
      const context: RouteContext = {
        store: this.data,
        wire: this.wire,
        options: this.options,
        path,
        params: new URLSearchParams(query),
        body: body?.kind === 'ok' ? parseJsonObject(body.text) : undefined,
      };
      await this.respond(res, route, context, fault, write);
    } finally {
      this.queue.release(key);
    }
  }

  private async respond(
    res: ServerResponse,
    route: WoodpeckerRoute,
    context: RouteContext,
    fault: WoodpeckerFaultKind | undefined,
    write: boolean,
  ): Promise<void> {
    const handle = HANDLERS[route];
    if (fault === undefined) return sendReply(res, handle(context));
    this.countFault(fault);
    // Only writes can tell "before" from "after": there, the dice decide whether the data changed.
    const afterApply = write && this.variantRng() < this.options.faultAfterApplyRatio;
    if (write) {
      if (afterApply) this.stats.faultsAfterApply++;
      else this.stats.faultsBeforeApply++;
    }
    const reply = afterApply || (!write && MANGLING_FAULTS.has(fault)) ? handle(context) : undefined;
    if (fault === 'slow') {
      if (!(await this.pause(this.options.slowMs))) return;
      return sendReply(res, reply ?? handle(context));
    }
    if (fault === 'reset') return resetConnection(res, reply);
    sendReply(res, this.faultReply(fault, reply, isV2(context.path)));
  }

  private faultReply(fault: Exclude<WoodpeckerFaultKind, 'slow' | 'reset'>, reply: Reply | undefined, v2: boolean): Reply {
    switch (fault) {
      case 'too_many_requests':
        return this.tooManyRequests(v2);
      case 'unavailable':
        return htmlErrorReply(503, 'nginx');
      case 'html':
        return htmlErrorReply(502, 'cloudflare');
      case 'server_error':
        // Sometimes the proxy's HTML page, sometimes the application's own JSON error.
        return this.variantRng() < 0.5 ? htmlErrorReply(500, 'nginx') : v2Error(500, 'Internal server error');
      case 'malformed':
        return malformedReply(reply);
      case 'empty_200':
        return empty200Reply();
      case 'error_envelope':
        return jsonReply(200, v1Status(this.options.errorEnvelopeCode, 'The request could not be processed'));
    }
  }

  private tooManyRequests(v2: boolean): Reply {
    const { tooManyRequestsStatus: status, sendRetryAfter, retryAfterSeconds } = this.options;
    const headers = sendRetryAfter ? { 'Retry-After': String(retryAfterSeconds) } : undefined;
    const message = 'Too many simultaneous requests';
    return v2 ? v2Error(status, message, headers) : v1Error('E_TOO_MANY_REQUESTS', message, status, headers);
  }

  /** `x-api-key`, or Basic auth with the key as user or as password (both appear in Woodpecker's docs). */
  private authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers['x-api-key'];
    if (typeof header === 'string') return this.accepts(header) ? header : undefined;
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const candidates = colon === -1 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return candidates.map((c) => c.trim()).find((c) => this.accepts(c));
  }

  private openForKey(key: string, change: 1 | -1): void {
    const open = (this.openByKey.get(key) ?? 0) + change;
    this.openByKey.set(key, open);
    if (open > this.stats.maxConcurrentPerKey) this.stats.maxConcurrentPerKey = open;
  }

  private quotaAllows(key: string): boolean {
    const { requestsPerMinute, quotaWindowMs } = this.options;
    if (requestsPerMinute <= 0) return true;
    const now = Date.now();
    let bucket = this.quotaByKey.get(key);
    if (!bucket) this.quotaByKey.set(key, (bucket = new TokenBucket(requestsPerMinute, quotaWindowMs, now)));
    if (bucket.waitMs(1, now) > 0) return false;
    bucket.take(1, now);
    return true;
  }
}

export async function startWoodpeckerSimulator(options: Partial<WoodpeckerSimOptions> = {}): Promise<WoodpeckerSimulator> {
  return new WoodpeckerSimulator(options).listen();
}
