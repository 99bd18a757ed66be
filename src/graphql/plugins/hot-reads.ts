import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Caller } from '../../auth/caller';
import type { CampaignCache } from '../../datasources/woodpecker/campaign-cache';
import type { ReadCharge } from '../directives/rate-limit';
import type { GraphQLContext } from '../context';
import { rootFieldLabel } from './operation-facts';
import { logOperation } from './request-logging';
import { currentRequestContext, type RequestContext } from '../../logging/request-context';
import type { OperationMetrics } from '../../metrics/operation-metrics';
import { hotReadKey } from './hot-read-key';

/** Root-field labels whose answer depends on nothing but the campaign list (and the caller's limits). */
const LIST_BACKED = new Set(['campaigns']);
/** Replayable answers kept, counting keys and bodies; the least recently used go first. */
export const HOT_READS_MAX_BYTES = 4 * 1024 * 1024;

interface HotRead {
  version: string;
  body: Buffer;
  headers: [string, string][];
  operationName: string | null;
  rootField: string;
  bytes: number;
}

/** What a miss carries from the middleware through Apollo to the moment its answer is serialised. */
interface Pending {
  key: string;
  replay?: Omit<HotRead, 'body' | 'headers' | 'bytes'> & { headers: Iterable<[string, string]> };
}

export interface HotReadsOptions {
  campaignCache: CampaignCache;
  charge: ReadCharge;
  metrics: OperationMetrics;
  maxBytes?: number;
}

/**
 * Hot cached reads: the answer Apollo gave to a campaign-list read, replayed byte for byte to the same request
 * from the same caller while the list it was read from is still the cached one, without running Apollo again.
 * The path runs after request id, security headers, CORS, authentication and body parsing (the middleware
 * order), charges the field's read limit, writes the operation's access line and metrics; anything it cannot
 * answer exactly as Apollo would (over the limit, another version of the list, an unknown request) goes on to
 * Apollo. Only answers with data, no errors and no upstream call are stored, and only after Apollo produced them,
 * so a refused operation (persisted-operations-only, validation, limits) never gets here.
 */
export class HotReads {
  private readonly entries = new Map<string, HotRead>();
  private readonly pending = new WeakMap<RequestContext, Pending>();
  private bytes = 0;
  private readonly maxBytes: number;
  /** Requests answered here; tests and benchmarks read it to know the path was taken. */
  hits = 0;

  constructor(private readonly options: HotReadsOptions) {
    this.maxBytes = options.maxBytes ?? HOT_READS_MAX_BYTES;
  }

  /** Between body parsing and Apollo on POST /graphql. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const ctx = currentRequestContext();
      if (req.method !== 'POST' || !ctx) return next();
      const key = hotReadKey(req.body, res.locals.caller as Caller, req.get('accept'));
      if (key === undefined) return next();
      const entry = this.entries.get(key);
      if (!entry) {
        this.pending.set(ctx, { key });
        return next();
      }
      this.answer(key, entry, ctx, res.locals.caller as Caller, performance.now()).then((answer) => {
        if (!answer) return next();
        res.statusCode = 200;
        for (const [name, value] of answer.headers) res.setHeader(name, value);
        res.end(answer.body);
      }, next);
    };
  }

  private async answer(key: string, entry: HotRead, ctx: RequestContext, caller: Caller, startedAt: number) {
    if ((await this.options.campaignCache.version()) !== entry.version) {
      this.forget(key);
      this.pending.set(ctx, { key });
      return undefined;
    }
    if (!(await this.options.charge(entry.rootField, caller))) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    if (entry.operationName) ctx.operationName = entry.operationName;
    const durationMs = performance.now() - startedAt;
    logOperation(
      { operation: entry.operationName, operationType: 'query', rootFields: entry.rootField, callerKind: caller.kind, durationMs, outcome: 'ok', httpStatus: 200 },
      ctx,
    );
    this.options.metrics.observe(entry.rootField, 'ok', durationMs / 1000);
    return entry;
  }

  /** Marks a pending miss replayable once Apollo has answered it with data and nothing else. */
  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async () => {
        const ctx = currentRequestContext();
        const pending = ctx && this.pending.get(ctx);
        if (!pending) return;
        return {
          willSendResponse: async ({ response, operation, document, request }) => {
            const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const rootField = rootFieldLabel(operation, document);
            const version = ctx.campaignListVersion;
            const replayable =
              result?.data && !result.errors && (response.http.status ?? 200) === 200 && operation?.operation === 'query' &&
              LIST_BACKED.has(rootField) && typeof version === 'string' && ctx.stats.upstreamCalls === 0;
            if (!replayable) return void this.pending.delete(ctx);
            // The same map Apollo adds the negotiated content-type to before it serialises the answer.
            const operationName = operation?.name?.value ?? request.operationName ?? null;
            pending.replay = { version, headers: response.http.headers, operationName, rootField };
          },
        };
      },
    };
  }

  /** Apollo's own serialisation (JSON and a newline); a replayable answer is kept as the bytes it sends. */
  stringifyResult = (value: unknown): string => {
    const text = `${JSON.stringify(value)}\n`;
    const ctx = currentRequestContext();
    const pending = ctx && this.pending.get(ctx);
    if (pending?.replay) this.remember(pending.key, text, pending.replay);
    return text;
  };

  private remember(key: string, text: string, replay: NonNullable<Pending['replay']>): void {
    const body = Buffer.from(text);
    const headers: [string, string][] = [...replay.headers, ['content-length', String(body.length)]];
    const bytes = key.length + body.length;
    if (bytes > this.maxBytes) return;
    this.forget(key);
    this.entries.set(key, { ...replay, body, headers, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
