import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { type Reply, jsonReply, parseJsonObject, readBody, sendReply, untilGone } from '../shared/http';
import { SimulatorBase, type RequestTarget } from '../shared/simulator-base';
import { type BaseStats, baseStats, bump } from '../shared/stats';
import { htmlErrorReply, malformedReply, resetConnection } from '../shared/transport-faults';
import {
  type ClaudeErrorType,
  INJECTED_ERRORS,
  claudeErrorReply,
  isInjectedError,
  retryAfterHeaders,
  spendCapReply,
} from './errors';
import { type FileStats, SimulatedFiles } from './files';
import { type GeneratedMessage, generateMessage, messageJson } from './message';
import { modelsReply } from './models';
import {
  CLAUDE_FAULT_KINDS,
  CLAUDE_ROUTES,
  type ClaudeFaultKind,
  type ClaudeRoute,
  type ClaudeSimOptions,
  claudeOptions,
} from './options';
import { ClaudeQuota } from './quota';
import { type MessageRequest, parseMessageRequest } from './request';
import { type StreamBreak, type StreamReport, streamMessage, writingMs } from './sse';

export interface ClaudeStats extends BaseStats, FileStats {
  inputTokens: number;
  outputTokens: number;
  /** Messages requests the quota admitted: what a benchmark sets against the request budget. */
  messagesAdmitted: number;
  /** count_tokens requests admitted (those over its own limit are counted as quota violations). */
  countTokensRequests: number;
  /** Histogram of `x-stainless-retry-count` values, from requests that sent the header. */
  retryCounts: Record<string, number>;
  authHeaderKinds: { 'x-api-key': number; bearer: number };
  /** Spend-cap 429s (not quota violations: the BFF cannot prevent them). */
  spendCapRejections: number;
  /** SSE answers written to the end (a planned break included). */
  streamsCompleted: number;
  /** SSE answers the client hung up on before their end. */
  streamsAborted: number;
  /** The latest aborted streams (at most ABORTS_KEPT), oldest first: how much copy had been written when the client left. */
  abortedStreams: AbortedStream[];
}

export interface AbortedStream {
  textChars: number;
  /** The simulator's token count of what was written, and of the whole answer it was writing. */
  textTokens: number;
  totalTokens: number;
}

const ABORTS_KEPT = 50;

const STREAM_ONLY_FAULTS: ReadonlySet<ClaudeFaultKind> = new Set(['stream_error', 'truncated_stream']);

/** How each fault breaks an SSE response that has already started. */
const STREAM_BREAKS: Partial<Record<ClaudeFaultKind, StreamBreak>> = {
  stream_error: 'error_event',
  truncated_stream: 'truncate',
  malformed: 'garbage',
  reset: 'reset',
};

/** A fake Anthropic Messages API: the real SDK talks to it unchanged (`baseURL: sim.url`). */
export class ClaudeSimulator extends SimulatorBase<ClaudeSimOptions, ClaudeStats, ClaudeFaultKind, ClaudeRoute> {
  private readonly quota: ClaudeQuota;
  /** The Files API: uploads, deletes, and the files messages refer to. */
  readonly files: SimulatedFiles;
  private requestCount = 0;
  private messageCount = 0;

  constructor(options: Partial<ClaudeSimOptions> = {}) {
    super(
      { name: 'claude', faultKinds: CLAUDE_FAULT_KINDS, routes: CLAUDE_ROUTES, basePath: '' },
      options,
    );
    this.quota = new ClaudeQuota(this.options);
    this.files = new SimulatedFiles(this.stats);
  }

  resetData(): void {
    this.quota.reset();
    this.files.clear();
  }

  protected freshStats(): ClaudeStats {
    return {
      ...baseStats(),
      inputTokens: 0,
      outputTokens: 0,
      messagesAdmitted: 0,
      countTokensRequests: 0,
      retryCounts: {},
      authHeaderKinds: { 'x-api-key': 0, bearer: 0 },
      spendCapRejections: 0,
      filesUploaded: 0,
      filesDeleted: 0,
      // A gauge: what is stored stays across a stats reset (undefined while the base constructor builds the first stats).
      filesStored: this.files?.size ?? 0,
      lastFileBlocks: [],
      streamsCompleted: 0,
      streamsAborted: 0,
      abortedStreams: [],
    };
  }

  protected parseOptions(input: Partial<ClaudeSimOptions>): ClaudeSimOptions {
    return claudeOptions(input);
  }

  protected override onConfigured(): void {
    this.quota.reconfigure(this.options);
  }

  protected routeOf(method: string, path: string): ClaudeRoute | undefined {
    if (path === '/v1/messages') return method === 'POST' ? 'messages' : undefined;
    if (path === '/v1/messages/count_tokens') return method === 'POST' ? 'count_tokens' : undefined;
    if (path === '/v1/models') return method === 'GET' ? 'models' : undefined;
    if (path === '/v1/files' || path.startsWith('/v1/files/')) return 'files';
    return undefined;
  }

  protected async serve(req: IncomingMessage, res: ServerResponse, { route, path }: RequestTarget<ClaudeRoute>): Promise<void> {
    const requestId = `req_sim_${++this.requestCount}`;
    res.setHeader('request-id', requestId);
    const retryCount = req.headers['x-stainless-retry-count'];
    if (typeof retryCount === 'string') bump(this.stats.retryCounts, retryCount);
    const key = this.authenticate(req);
    const error = (status: number, type: ClaudeErrorType, message: string) =>
      this.send(res, key, claudeErrorReply(status, type, message, requestId));

    if (!route) return error(404, 'not_found_error', `${req.method ?? 'GET'} ${path}: route not found`);
    if (!key) return error(401, 'authentication_error', 'invalid x-api-key');
    if (!req.headers['anthropic-version']) return error(400, 'invalid_request_error', 'anthropic-version: header is required');
    if (route === 'models') return this.answerJson(res, key, route, requestId, () => modelsReply(this.options.models));
    if (route === 'files') return this.answerFiles(req, res, key, path, requestId);

    const body = await readBody(req, this.options.maxBodyBytes);
    if (body.kind === 'too_large') return this.send(res, key, htmlErrorReply(413, 'cloudflare'));
    const json = parseJsonObject(body.text);
    if (!json) return error(400, 'invalid_request_error', 'The request body is not valid JSON.');
    const parsed = parseMessageRequest(json, this.options.models, route === 'messages');
    if (!parsed.ok) return error(parsed.status, parsed.type, parsed.message);
    const files = this.files.checkBlocks(req, json.messages, requestId);
    if (!files.ok) return this.send(res, key, files.reply);
    parsed.value.inputTokens += files.tokens;

    if (route === 'count_tokens') return this.answerCount(res, key, parsed.value, requestId);
    return this.answerMessage(res, key, parsed.value, requestId);
  }

  /** The count a message with this body would be billed, under count_tokens' own request limit. */
  private answerCount(res: ServerResponse, key: string, request: MessageRequest, requestId: string): Promise<void> | void {
    const admission = this.quota.admitCount(key);
    if (!admission.admitted) return this.refuseOverQuota(res, key, admission.waitMs, requestId);
    this.stats.countTokensRequests++;
    return this.answerJson(res, key, 'count_tokens', requestId, () => jsonReply(200, { input_tokens: request.inputTokens }));
  }

  private refuseOverQuota(res: ServerResponse, key: string, waitMs: number, requestId: string): void {
    this.stats.quotaViolations++;
    this.stats.rateLimited++;
    const headers = retryAfterHeaders(waitMs, this.options.sendRetryAfterMs);
    const message = "This request would exceed your organization's rate limit. Please retry later.";
    this.send(res, key, claudeErrorReply(429, 'rate_limit_error', message, requestId, { headers }));
  }

  /** Accepts `x-api-key` (the documented header) and `Authorization: Bearer` (what SDK 1.x sends). */
  private authenticate(req: IncomingMessage): string | undefined {
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      this.stats.authHeaderKinds['x-api-key']++;
      return this.accepts(apiKey) ? apiKey : undefined;
    }
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      this.stats.authHeaderKinds.bearer++;
      const token = authorization.slice('Bearer '.length).trim();
      return this.accepts(token) ? token : undefined;
    }
    return undefined;
  }

  /** Rate-limit headers go on every response; unauthenticated ones show the primary key's state. */
  private setCommonHeaders(res: ServerResponse, key: string | undefined, isError: boolean): void {
    for (const [name, value] of Object.entries(this.quota.headers(key ?? this.options.apiKey))) {
      res.setHeader(name, value as string);
    }
    if (isError && this.options.shouldRetryHeader !== 'omit') res.setHeader('x-should-retry', this.options.shouldRetryHeader);
  }

  private send(res: ServerResponse, key: string | undefined, reply: Reply): void {
    this.setCommonHeaders(res, key, reply.status >= 400);
    sendReply(res, reply);
  }

  /** Waits out the `slow` fault and the service latency; false when the client left meanwhile. */
  private async delay(res: ServerResponse, fault: ClaudeFaultKind | undefined): Promise<boolean> {
    if (fault === 'slow') {
      this.countFault(fault);
      if (!(await this.pause(this.options.slowMs, res))) return false;
    }
    return this.serviceDelay(res);
  }

  /** The error answer a fault replaces the response with, if it is that kind of fault. */
  private faultErrorReply(fault: ClaudeFaultKind, requestId: string, streaming: boolean): Reply | undefined {
    if (fault === 'html') return htmlErrorReply(502, 'cloudflare');
    // A JSON request has no stream to break: an error event becomes the equivalent HTTP error.
    const kind = fault === 'stream_error' && !streaming ? 'overloaded' : fault;
    if (!isInjectedError(kind)) return undefined;
    const { status, type, message } = INJECTED_ERRORS[kind];
    const { faultRetryAfterMs, sendRetryAfterMs } = this.options;
    let headers: OutgoingHttpHeaders | undefined;
    if (kind === 'rate_limited') headers = retryAfterHeaders(faultRetryAfterMs, sendRetryAfterMs);
    // The real API advertises no wait on 5xx/529; retry-after-ms there only speeds up tests.
    else if (sendRetryAfterMs) headers = { 'retry-after-ms': String(faultRetryAfterMs) };
    return claudeErrorReply(status, type, message, requestId, { headers });
  }

  /** count_tokens (after its own quota) and models: the same faults as messages. */
  private async answerJson(
    res: ServerResponse,
    key: string,
    route: ClaudeRoute,
    requestId: string,
    build: () => Reply,
  ): Promise<void> {
    const fault = this.drawFault(route, (kind) => !STREAM_ONLY_FAULTS.has(kind));
    if (!(await this.delay(res, fault))) return;
    this.sendJson(res, key, build(), fault, requestId);
  }

  /** Sends a JSON answer, or what the fault turns it into. */
  private sendJson(
    res: ServerResponse,
    key: string,
    reply: Reply,
    fault: ClaudeFaultKind | undefined,
    requestId: string,
  ): void {
    if (fault === undefined || fault === 'slow') return this.send(res, key, reply);
    this.countFault(fault);
    const error = this.faultErrorReply(fault, requestId, false);
    if (error) return this.send(res, key, error);
    this.setCommonHeaders(res, key, false);
    if (fault === 'reset') return resetConnection(res, reply);
    // malformed, and truncated_stream on a JSON request: the body stops halfway.
    sendReply(res, malformedReply(reply));
  }

  /** A stream cut by the simulator closing is not the client's doing: only the client leaving counts as aborted. */
  private recordStream(report: StreamReport, generated: GeneratedMessage): void {
    if (report.completed) {
      this.stats.streamsCompleted++;
      return;
    }
    if (this.closing.signal.aborted) return;
    this.stats.streamsAborted++;
    const aborted = { textChars: report.textChars, textTokens: report.textTokens, totalTokens: generated.outputTokens };
    const kept = this.stats.abortedStreams;
    kept.push(aborted);
    if (kept.length > ABORTS_KEPT) kept.splice(0, kept.length - ABORTS_KEPT);
  }

  private async answerMessage(res: ServerResponse, key: string, request: MessageRequest, requestId: string): Promise<void> {
    if (this.options.spendCapReached) {
      this.stats.spendCapRejections++;
      return this.send(res, key, spendCapReply(requestId));
    }
    if (this.options.hang) return untilGone(this.closing.signal, res);

    const admission = this.quota.admit(key, request.inputTokens, request.maxTokens);
    if (!admission.admitted) return this.refuseOverQuota(res, key, admission.waitMs, requestId);
    this.stats.messagesAdmitted++;

    const fault = this.drawFault('messages', (kind) => request.stream || !STREAM_ONLY_FAULTS.has(kind));
    let generated: GeneratedMessage | undefined;
    try {
      if (!(await this.delay(res, fault))) return;
      const error = fault === undefined ? undefined : this.faultErrorReply(fault, requestId, request.stream);
      if (fault !== undefined && error) {
        this.countFault(fault);
        return this.send(res, key, error);
      }
      generated = generateMessage(`msg_sim_${++this.messageCount}`, request, this.options);
      // The reservation was max_tokens; what the reply did not use goes back before the headers are computed.
      this.quota.refund(key, { output: request.maxTokens - generated.outputTokens });
      this.stats.inputTokens += generated.inputTokens;
      this.stats.outputTokens += generated.outputTokens;
      const { sseChunkChars, sseEventDelayMs, sseQuirk, ttftMs, tokensPerSecond, streamBreakAfter } = this.options;
      const pace = { ttftMs, tokensPerSecond };
      if (!request.stream) {
        // A JSON answer comes when the whole text would have been written.
        if (!(await this.pause(ttftMs + writingMs(generated.text ?? '', pace), res))) return;
        return this.sendJson(res, key, jsonReply(200, messageJson(generated, 'complete')), fault, requestId);
      }

      const breakOff = fault === undefined ? undefined : STREAM_BREAKS[fault];
      if (fault !== undefined && breakOff) this.countFault(fault);
      this.setCommonHeaders(res, key, false);
      const plan = { message: generated, chunkChars: sseChunkChars, eventDelayMs: sseEventDelayMs, pace, quirk: sseQuirk, breakOff, breakAfter: streamBreakAfter };
      this.recordStream(await streamMessage(res, plan, (ms) => this.pause(ms, res)), generated);
    } finally {
      // An attempt that produced nothing (error, client gone) costs no tokens, only its request.
      if (!generated) this.quota.refund(key, { input: request.inputTokens, output: request.maxTokens });
    }
  }

  /** The Files API routes, with the same faults as the JSON routes; an error fault means nothing was stored or deleted. */
  private async answerFiles(req: IncomingMessage, res: ServerResponse, key: string, path: string, requestId: string): Promise<void> {
    const fault = this.drawFault('files', (kind) => !STREAM_ONLY_FAULTS.has(kind));
    if (!(await this.delay(res, fault))) return void req.resume();
    const refusal = fault === undefined ? undefined : this.faultErrorReply(fault, requestId, false);
    if (fault !== undefined && refusal) {
      this.countFault(fault);
      req.resume();
      return this.send(res, key, refusal);
    }
    this.sendJson(res, key, await this.files.serve(req, path, requestId), fault, requestId);
  }
}

export async function startClaudeSimulator(options: Partial<ClaudeSimOptions> = {}): Promise<ClaudeSimulator> {
  return new ClaudeSimulator(options).listen();
}
