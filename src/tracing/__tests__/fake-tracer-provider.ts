import {
  context,
  trace,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type Span,
  type SpanContext,
  type SpanKind,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';

/**
 * A minimal recording TracerProvider on the OpenTelemetry API's own interfaces (its documented extension
 * point), so the hooks are tested without an SDK: register it with `trace.setGlobalTracerProvider`, read
 * `spans`, and `trace.disable()` afterwards.
 */

export interface RecordedSpan {
  name: string;
  kind: SpanKind | undefined;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  startTime: TimeInput | undefined;
  attributes: Attributes;
  status: SpanStatus | undefined;
  ended: boolean;
}

let nextId = 1;
const hexId = (length: number) => (nextId++).toString(16).padStart(length, '0');

class FakeSpan implements Span {
  private readonly context: SpanContext;

  constructor(readonly record: RecordedSpan) {
    this.context = { traceId: record.traceId, spanId: record.spanId, traceFlags: TraceFlags.SAMPLED };
  }

  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.record.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.record.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.record.status = status;
    return this;
  }
  updateName(name: string): this {
    this.record.name = name;
    return this;
  }
  end(): void {
    this.record.ended = true;
  }
  isRecording(): boolean {
    return !this.record.ended;
  }
  recordException(): void {}
}

class FakeTracer implements Tracer {
  constructor(private readonly spans: RecordedSpan[]) {}

  startSpan(name: string, options: SpanOptions = {}, parentContext: Context = context.active()): Span {
    const parent = trace.getSpanContext(parentContext);
    const record: RecordedSpan = {
      name,
      kind: options.kind,
      traceId: parent?.traceId ?? hexId(32),
      spanId: hexId(16),
      parentSpanId: parent?.spanId,
      startTime: options.startTime,
      attributes: { ...options.attributes },
      status: undefined,
      ended: false,
    };
    this.spans.push(record);
    return new FakeSpan(record);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
    const fn = args[args.length - 1] as F;
    return fn(this.startSpan(name)) as ReturnType<F>;
  }
}

export class FakeTracerProvider implements TracerProvider {
  readonly spans: RecordedSpan[] = [];

  getTracer(): Tracer {
    return new FakeTracer(this.spans);
  }
}
