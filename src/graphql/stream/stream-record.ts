import type { Response } from 'express';
import type { DocumentNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import type { Caller } from '../../auth/caller';
import { systemClock, type Clock } from '../../datasources/shared/clock';
import { currentRequestContext, type RequestContext } from '../../logging/request-context';
import type { OperationMetrics } from '../../metrics/operation-metrics';
import type { StreamMetrics } from '../../metrics/stream-metrics';
import { codesOf, outcomeLabel, outcomeText, rootFieldLabel } from '../plugins/operation-facts';
import { logOperation } from '../plugins/request-logging';

export interface StreamRecordServices {
  operations: OperationMetrics;
  streams: StreamMetrics;
  clock?: Clock;
}

/** A stream the client left before its last event. */
const CANCELLED = 'cancelled';
/** Past this after the connection closed, the line is written even if the operation never reported its end. */
const LINE_AT_THE_LATEST_MS = 5_000;

interface StreamedResult {
  errors?: readonly GraphQLFormattedError[];
  data?: unknown;
}

/** The event a streamed result carries, when it carries one. */
function eventOf(result: StreamedResult): { __typename?: string; code?: unknown } | undefined {
  const data = result.data as { generateContentStream?: { __typename?: string; code?: unknown } } | null | undefined;
  return data?.generateContentStream ?? undefined;
}

/**
 * What one request to the stream route did, written as ONE access line (the same `graphql operation` line as
 * /graphql's, with `firstDeltaMs`) and fed to the metrics once the connection has closed and the operation has wound
 * down, so the line has the tokens a cancelled generation was settled with. The outcome is `ok`, the error code(s),
 * or `cancelled` when the client left before the last event.
 */
export class StreamRecord {
  private readonly startedAt: number;
  private readonly context: RequestContext | undefined;
  private readonly clock: Clock;
  private operation: OperationDefinitionNode | undefined;
  private document: DocumentNode | undefined;
  private codes: readonly string[] = [];
  /** Set by the stream's last event: no codes for `GenerationCompleted`, the `GenerationFailed`'s code. */
  private ending: readonly string[] | undefined;
  private firstDeltaMs: number | undefined;
  private streaming = false;
  private running = false;
  private closed = false;
  private written = false;

  constructor(
    private readonly res: Response,
    private readonly caller: Caller,
    private readonly services: StreamRecordServices,
  ) {
    // The access-log middleware's start, so this line and its `durationMs` cover the same span as every other line.
    this.startedAt = typeof res.locals.accessStartedAt === 'number' ? res.locals.accessStartedAt : performance.now();
    this.clock = services.clock ?? systemClock;
    this.context = currentRequestContext();
    // This line is written on close; the HTTP layer's own line (on finish) would be a second one.
    if (this.context) this.context.accessLogged = true;
    res.once('close', () => {
      this.closed = true;
      if (this.running) this.clock.schedule(LINE_AT_THE_LATEST_MS, () => this.write(), { unref: true });
      this.write();
    });
  }

  /** The operation was parsed; from here on every line of the request names it. */
  resolved(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): void {
    this.operation = operation;
    this.document = document;
    const name = operation?.name?.value;
    if (this.context && name) this.context.operationName = name;
  }

  /** Refused before anything ran (the errors are the response). */
  refused(errors: readonly GraphQLFormattedError[]): void {
    this.codes = codesOf(errors);
  }

  /** The subscription was set up: a stream of events, or a single result with its errors. */
  subscribed(streaming: boolean): void {
    this.running = true;
    if (!streaming) return;
    this.streaming = true;
    this.services.streams.opened();
  }

  /** Sees each result as it leaves, already formatted. */
  observe(result: StreamedResult): void {
    if (result.errors?.length) this.codes = [...new Set([...this.codes, ...codesOf(result.errors)])];
    const event = eventOf(result);
    if (event?.__typename === 'SnippetDelta' && this.firstDeltaMs === undefined) {
      this.firstDeltaMs = performance.now() - this.startedAt;
      this.services.streams.firstDelta(this.firstDeltaMs / 1000);
    } else if (event?.__typename === 'GenerationCompleted') this.ending = [];
    else if (event?.__typename === 'GenerationFailed') this.ending = [String(event.code)];
  }

  /** The operation has wound down (its engine stopped). */
  ended(): void {
    this.running = false;
    this.write();
  }

  private write(): void {
    if (!this.closed || this.running || this.written) return;
    this.written = true;
    // Errors in the results, else how the last event ended it; neither: the client left before the end.
    const codes = this.codes.length > 0 ? this.codes : this.ending;
    const text = codes ? outcomeText(codes) : CANCELLED;
    const label = codes ? outcomeLabel(codes) : CANCELLED;
    const durationMs = performance.now() - this.startedAt;
    const rootFields = rootFieldLabel(this.operation, this.document);
    logOperation(
      {
        operation: this.operation?.name?.value ?? null,
        operationType: this.operation?.operation ?? null,
        rootFields,
        callerKind: this.caller.kind,
        durationMs,
        outcome: text,
        httpStatus: this.res.statusCode,
        firstDeltaMs: this.firstDeltaMs === undefined ? null : Math.round(this.firstDeltaMs * 100) / 100,
      },
      this.context,
    );
    this.services.operations.observe(rootFields, label, durationMs / 1000);
    this.services.streams.ended(label);
    if (this.streaming) this.services.streams.closed();
  }
}
