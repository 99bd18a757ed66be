import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { GenerateContentDocument } from '../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../testing/stack';
import { FakeTracerProvider } from './fake-tracer-provider';

const lead = { email: 'kim.park@adventure-works.example', firstName: 'Kim', company: 'Adventure Works' };
const ATTEMPT = 'upstream.claude POST /v1/messages';

describe('tracing hooks', () => {
  let stack: TestStack;
  let provider: FakeTracerProvider;
  beforeAll(async () => {
    stack = await startTestStack({ env: { UPSTREAM_MAX_ATTEMPTS: '2', CIRCUIT_MIN_CALLS: '1000', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    provider = new FakeTracerProvider();
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => trace.disable());

  const generate = (requestId: string) => stack.execute(GenerateContentDocument, { input: { lead } }, { requestId });

  it('When an SDK is registered, then an operation is one span with its upstream attempts as child spans', async () => {
    stack.sims.claude.script('messages', ['server_error', 'ok']);
    expect((await generate('trace-req-0001')).errors).toBeUndefined();

    const operation = provider.spans.find((s) => s.name.startsWith('graphql.'));
    expect(operation).toMatchObject({
      name: 'graphql.mutation generateContent',
      ended: true,
      status: undefined,
      attributes: {
        'bff.request_id': 'trace-req-0001',
        'bff.caller.kind': 'token',
        'bff.outcome': 'ok',
        'graphql.operation.type': 'mutation',
        'graphql.operation.name': 'GenerateContent',
      },
    });
    const attempts = provider.spans.filter((s) => s.name === ATTEMPT);
    expect(attempts).toEqual([
      expect.objectContaining({
        kind: SpanKind.CLIENT,
        attributes: expect.objectContaining({
          'bff.upstream.attempt': 1,
          'http.response.status_code': 500,
          'bff.upstream.outcome': 'server_error',
        }),
        status: { code: SpanStatusCode.ERROR, message: 'server_error' },
      }),
      expect.objectContaining({
        attributes: expect.objectContaining({ 'bff.upstream.attempt': 2, 'bff.upstream.outcome': 'ok' }),
        status: undefined,
      }),
    ]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ parentSpanId: operation!.spanId, traceId: operation!.traceId, ended: true });
      expect(attempt.startTime).toEqual(expect.any(Number));
    }
  });

  it('When the operation fails, then its span is an error with the code the client got', async () => {
    stack.sims.claude.script('messages', ['server_error', 'server_error']);
    await generate('trace-req-0002');
    expect(provider.spans.find((s) => s.name === 'graphql.mutation generateContent')).toMatchObject({
      attributes: expect.objectContaining({ 'bff.outcome': 'UPSTREAM_UNAVAILABLE' }),
      status: { code: SpanStatusCode.ERROR, message: 'UPSTREAM_UNAVAILABLE' },
    });
  });

  it('When the provider is unregistered, then nothing is recorded: without an SDK the hooks are no-ops', async () => {
    trace.disable();
    expect((await generate('trace-req-0003')).errors).toBeUndefined();
    expect(provider.spans).toEqual([]);
  });
});
