import DataLoader from 'dataloader';
import type { Config, ResilienceConfig, WoodpeckerConfig } from '../../config';
import { normalizeEmail } from '../../domain/email';
import { badInput, BffError, ErrorCode } from '../../errors';
import { Deadline } from '../shared/deadline';
import type { Upstream } from '../shared/upstream';
import { UpstreamFailure } from '../shared/upstream-failure';
import type { WoodpeckerCallBudget } from './call-budget';
import { MemoryCacheStore, type CacheStore } from '../shared/cache-store';
import { CampaignCache, type CachedCampaignList } from './campaign-cache';
import { readBatchOutcome, type BatchOutcome } from './export/batch-outcome';
import { planBatches, type ExportOutcome, type ExportRun, type PlannedBatch } from './export/journal';
import { prepareExport, toBatches } from './export/prepare';
import { sendInBatches, type BatchSend } from './export/send-in-batches';
import { log } from './log';
import { parseCampaignList } from './mapping';
import type {
  CampaignModel,
  CampaignStatus,
  ProspectFilterModel,
  ProspectInputModel,
  ProspectPageModel,
} from './models';
import { MAX_PER_PAGE, prospectPageQuery, readProspects, toProspectPage, type ProspectRead, type Query } from './prospect-query';
import type { WireAddProspectsBody } from './wire';
import { compactQuery, WoodpeckerHttp, type WoodpeckerResponse } from './woodpecker-http';

const CAMPAIGN_LIST = '/v1/campaign_list';
const PROSPECTS = '/v1/prospects';
const ADD_PROSPECTS = '/v1/add_prospects_campaign';

/** Ids per `campaign_list?id=` call: keeps the URL well below Woodpecker's ~4100-character limit. */
const MAX_IDS_PER_LOOKUP = 300;
/** Ids that are not Woodpecker's numeric ones are never sent: one bad id would fail a whole by-ids lookup. */
const WOODPECKER_ID = /^[1-9]\d{0,15}$/;
/**
 * Pages `duplicateEmails` reads at most (10 000 prospects): a third of a client's default Woodpecker calls per
 * minute. A larger campaign is refused after its first page, which tells its size.
 */
export const MAX_DUPLICATE_CHECK_PAGES = 10;

/** The process-wide parts every per-request `WoodpeckerAPI` is built on. */
export interface WoodpeckerShared {
  /** The Woodpecker runtime: gate (one at a time), retries, circuit, coalescing. */
  upstream: Upstream;
  http: WoodpeckerHttp;
  campaignCache: CampaignCache;
  config: WoodpeckerConfig;
  deadlines: ResilienceConfig['deadlines'];
}

/**
 * Built once at start-up, never per request. `campaignStore` shares the campaign list between instances
 * (Redis); by default it lives in this process. `now` is the campaign cache's clock (its refresh window).
 */
export function createWoodpeckerShared(
  config: Config,
  upstream: Upstream,
  campaignStore: CacheStore<CachedCampaignList> = new MemoryCacheStore<CachedCampaignList>(),
  now: () => number = Date.now,
): WoodpeckerShared {
  const woodpecker = config.woodpecker;
  return {
    upstream,
    http: new WoodpeckerHttp({
      baseUrl: woodpecker.baseUrl,
      apiKey: woodpecker.apiKey,
      // The gate lets at most this many calls through at once; more sockets would only idle.
      connections: woodpecker.limits.maxConcurrency,
      maxResponseBytes: woodpecker.maxResponseBytes,
    }),
    campaignCache: new CampaignCache(campaignStore, woodpecker.campaignCacheTtlMs, now),
    config: woodpecker,
    deadlines: config.resilience.deadlines,
  };
}

/** An export's whole budget: a base plus one per batch. Also how long an idempotent repeat waits for it. */
export function exportBudgetMs(deadlines: ResilienceConfig['deadlines'], batches: number): number {
  return deadlines.exportMs + batches * deadlines.exportPerBatchMs;
}

export interface ExportRequest {
  /** A validated Woodpecker campaign id (validation/campaign-id.ts). */
  campaignId: string;
  prospects: ProspectInputModel[];
  force: boolean;
}

async function withDeadline<T>(budgetMs: number, parent: AbortSignal | undefined, work: (d: Deadline) => Promise<T>): Promise<T> {
  const deadline = Deadline.after(budgetMs, parent);
  try {
    return await work(deadline);
  } finally {
    deadline.dispose();
  }
}

const parseCampaignBody = (response: WoodpeckerResponse): CampaignModel[] => parseCampaignList(response.body);

function isNotFound(error: unknown): boolean {
  return error instanceof BffError && error.code === ErrorCode.NOT_FOUND;
}

function campaignNotFound(campaignId: string): BffError {
  return new BffError(ErrorCode.NOT_FOUND, `Campaign ${campaignId} was not found in Woodpecker.`);
}

function tooLargeToCheck(campaignId: string): BffError {
  const limit = MAX_DUPLICATE_CHECK_PAGES * MAX_PER_PAGE;
  return badInput(
    `Campaign ${campaignId} has more than ${limit} prospects, too many to check for duplicates here. Export directly: prospects already in the campaign are counted as duplicates, never added twice.`,
    ['campaignId'],
  );
}

/**
 * The Woodpecker data source, built per request on process-wide singletons (HTTP pool, campaign cache,
 * upstream runtime). Each public operation runs on its own deadline, reads tied to the client's connection,
 * and describes every exchange as an `UpstreamCall`: the runtime gates, retries and translates failures. Every
 * read this request issues is first charged to the caller's Woodpecker call budget (when one is given).
 */
export class WoodpeckerAPI {
  /** Campaigns by id for `Prospect.campaigns`: joined against the cached list, so a page costs ≤ 1 call. */
  readonly campaignById: DataLoader<string, CampaignModel | null>;
  /** Campaigns with stats. Woodpecker returns stats only for a single-id lookup, hence one call per id. */
  readonly campaignDetails: DataLoader<string, CampaignModel | null>;

  constructor(
    private readonly shared: WoodpeckerShared,
    private readonly requestSignal?: AbortSignal,
    private readonly callBudget?: WoodpeckerCallBudget,
  ) {
    this.campaignById = new DataLoader((ids) => this.loadCampaignsById(ids));
    this.campaignDetails = new DataLoader((ids) => Promise.all(ids.map((id) => this.fetchCampaignDetails(id))), { batch: false });
  }

  /** Newest first; an empty or absent `status` list means every status. */
  async listCampaigns(options: { status?: readonly CampaignStatus[]; forceRefresh?: boolean } = {}): Promise<CampaignModel[]> {
    const campaigns = await this.allCampaigns(options.forceRefresh ?? false);
    const wanted = options.status?.length ? new Set(options.status) : undefined;
    // Always a new array: the cached one is shared by every request.
    return wanted ? campaigns.filter((c) => wanted.has(c.status)) : [...campaigns];
  }

  getCampaign(id: string): Promise<CampaignModel | null> {
    return this.campaignDetails.load(id);
  }

  async listProspects(filter: ProspectFilterModel, page: number, perPage: number): Promise<ProspectPageModel> {
    const query = prospectPageQuery(filter, page, perPage);
    const read = await this.forRequest(this.shared.deadlines.readMs, (d) => this.readProspectPage(query, d));
    return toProspectPage(read, page, perPage);
  }

  /** Which of `emails` are prospects of the campaign already: input order and spelling, each address once. */
  async duplicateEmails(campaignId: string, emails: readonly string[]): Promise<string[]> {
    const wanted = new Map<string, string>();
    for (const email of emails) if (!wanted.has(normalizeEmail(email))) wanted.set(normalizeEmail(email), email);
    if (wanted.size === 0) return [];
    const keys = new Set(wanted.keys());
    const found = await this.forRequest(this.shared.deadlines.readMs, (d) => this.findInCampaign(campaignId, keys, d));
    return [...wanted].filter(([key]) => found.has(key)).map(([, email]) => email);
  }

  /**
   * Adds the prospects in batches, on the export's own deadline, which `run.signal` (the process drain) may
   * cut short but the caller's connection never does: Woodpecker finishes a request whose client left, so an
   * export abandoned halfway would leave an unknown part written. With a journal (an Idempotency-Key), batches
   * an earlier try got answers for are not sent again, and a batch that try may have delivered is re-sent
   * with its duplicates counted as succeeded.
   */
  async addProspects(request: ExportRequest, run: ExportRun): Promise<ExportOutcome> {
    const { outgoing, rejected } = prepareExport(request.prospects);
    const batches = planBatches(outgoing, this.shared.config.batchSize, run.journal?.earlier ?? []);
    const toSend = batches.filter((batch) => !batch.earlier?.answer).length;
    const sent = await withDeadline(exportBudgetMs(this.shared.deadlines, toSend), run.signal, (d) =>
      sendInBatches(batches, rejected, (batch, how) => this.sendBatch(request, batch, how, d), run).catch((error: unknown) => {
        // Only a batch before any answer throws (see sendInBatches); E_RECORD_NOT_FOUND there means the campaign.
        throw isNotFound(error) ? campaignNotFound(request.campaignId) : error;
      }),
    );
    const { result, complete, batchesAnswered, batchesSent } = sent;
    const { total, succeeded, duplicates, failed } = result;
    const counts = { total, succeeded, duplicates, failed, batches: batches.length, batchesAnswered, batchesSent, complete };
    log.info('prospects exported', { campaignId: request.campaignId, ...counts });
    return { result, complete };
  }

  private sendBatch(request: ExportRequest, batch: PlannedBatch, how: BatchSend, deadline: Deadline): Promise<BatchOutcome> {
    const body: WireAddProspectsBody = {
      campaign: { campaign_id: Number(request.campaignId) },
      prospects: batch.prospects.map((p) => p.wire),
      force: request.force,
    };
    const emails = batch.prospects.map((p) => p.email);
    return this.shared.upstream.execute(
      {
        route: `POST ${ADD_PROSPECTS}`,
        // Re-sending is harmless: prospects already added come back as duplicates, never twice.
        retry: 'resend-safe',
        run: async (ctx) => {
          const { signal, timeoutMs } = ctx;
          // From here on Woodpecker may write the batch, whatever becomes of its answer: recorded first.
          await how.beforeDelivery();
          const notDelivered = how.delivering();
          const response = await this.shared.http
            .exchange({ method: 'POST', path: ADD_PROSPECTS, body, signal, timeoutMs, reportsItemOutcomes: true })
            .catch((error: unknown) => {
              if (error instanceof UpstreamFailure && error.delivery === 'no') notDelivered();
              throw error;
            });
          const resent = how.resent || ctx.previousFailures.some((failure) => failure.delivery !== 'no');
          return readBatchOutcome(emails, response.body, resent);
        },
      },
      deadline,
    );
  }

  /**
   * The cache load is shared by every request waiting for it, so it runs on its own read deadline rather
   * than on the first caller's: one client disconnecting must not fail everybody else's read.
   */
  private allCampaigns(forceRefresh: boolean): Promise<CampaignModel[]> {
    const load = (): Promise<CampaignModel[]> =>
      withDeadline(this.shared.deadlines.readMs, undefined, (d) => this.get(d, CAMPAIGN_LIST, {}, parseCampaignBody));
    // Only the request that starts the load pays for it; those joining it or served from the cache do not.
    return this.shared.campaignCache.all(load, { forceRefresh, beforeLoad: this.charge });
  }

  /** Known ids come from the cached list; the others (new, or not listed) from one by-ids lookup. */
  private async loadCampaignsById(ids: readonly string[]): Promise<(CampaignModel | null)[]> {
    const byId = new Map((await this.allCampaigns(false)).map((c) => [c.id, c]));
    const missing = ids.filter((id) => !byId.has(id) && WOODPECKER_ID.test(id));
    if (missing.length > 0) {
      await this.forRequest(this.shared.deadlines.readMs, async (d) => {
        for (const chunk of toBatches(missing, MAX_IDS_PER_LOOKUP)) {
          for (const campaign of await this.lookupCampaigns(chunk, d)) byId.set(campaign.id, campaign);
        }
      });
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async fetchCampaignDetails(id: string): Promise<CampaignModel | null> {
    if (!WOODPECKER_ID.test(id)) return null;
    const found = await this.forRequest(this.shared.deadlines.readMs, (d) => this.lookupCampaigns([id], d));
    return found.find((c) => c.id === id) ?? null;
  }

  /** `campaign_list?id=…`: with exactly one id the answer carries stats. Unknown ids are simply absent. */
  private async lookupCampaigns(ids: readonly string[], deadline: Deadline): Promise<CampaignModel[]> {
    try {
      return await this.read(deadline, CAMPAIGN_LIST, { id: ids.join(',') }, parseCampaignBody);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  /**
   * Pages through the campaign's prospects until every wanted address was seen or the list ends. Woodpecker may
   * say "unknown campaign" with E_RECORD_NOT_FOUND or with an empty list (unverified), so an empty first page is
   * checked against the campaign list before it is taken for an empty campaign.
   */
  private async findInCampaign(campaignId: string, wanted: ReadonlySet<string>, deadline: Deadline): Promise<Set<string>> {
    const found = new Set<string>();
    for (let page = 1; found.size < wanted.size; page += 1) {
      if (page > MAX_DUPLICATE_CHECK_PAGES) throw tooLargeToCheck(campaignId);
      const read = await this.readProspectPage({ campaigns_id: campaignId, per_page: MAX_PER_PAGE, page }, deadline);
      if (page === 1 && read.rawCount === 0 && (await this.campaignById.load(campaignId)) === null) {
        throw campaignNotFound(campaignId);
      }
      for (const key of read.items.map((p) => normalizeEmail(p.email))) if (wanted.has(key)) found.add(key);
      const lastPage = read.rawCount < MAX_PER_PAGE || (read.totalCount !== undefined && page * MAX_PER_PAGE >= read.totalCount);
      if (lastPage) break;
      // The total says at once when the pages left cannot be read: refuse before spending them.
      if (found.size < wanted.size && (read.totalCount ?? 0) > MAX_DUPLICATE_CHECK_PAGES * MAX_PER_PAGE) throw tooLargeToCheck(campaignId);
    }
    return found;
  }

  private async readProspectPage(query: Query, deadline: Deadline): Promise<ProspectRead> {
    try {
      return await this.read(deadline, PROSPECTS, query, readProspects);
    } catch (error) {
      const campaignId = query.campaigns_id;
      throw isNotFound(error) && campaignId !== undefined ? campaignNotFound(String(campaignId)) : error;
    }
  }

  /** A GET this request issues: charged to the caller's budget first, then sent. */
  private async read<T>(deadline: Deadline, path: string, query: Query, parse: (response: WoodpeckerResponse) => T): Promise<T> {
    await this.charge();
    return this.get(deadline, path, query, parse);
  }

  private readonly charge = async (): Promise<void> => {
    await this.callBudget?.charge();
  };

  /** One idempotent GET through the runtime; identical concurrent reads share one exchange. */
  private get<T>(deadline: Deadline, path: string, query: Query, parse: (response: WoodpeckerResponse) => T): Promise<T> {
    const route = `GET ${path}`;
    return this.shared.upstream.execute(
      {
        route,
        retry: 'idempotent',
        coalesceKey: `${route}?${new URLSearchParams(compactQuery(query)).toString()}`,
        run: async ({ signal, timeoutMs }) =>
          parse(await this.shared.http.exchange({ method: 'GET', path, query, signal, timeoutMs })),
      },
      deadline,
    );
  }

  /** An operation of this request: it ends when its budget is spent or the client disconnects. */
  private forRequest<T>(budgetMs: number, work: (deadline: Deadline) => Promise<T>): Promise<T> {
    return withDeadline(budgetMs, this.requestSignal, work);
  }
}
