import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { configureLogger } from '../../../logging/logger';
import { UpstreamFailure, type Delivery, type FailureClass } from '../../shared/upstream-failure';
import { WoodpeckerHttp, type WoodpeckerRequest } from '../woodpecker-http';
import { startFakeWoodpecker, v1Error, type FakeWoodpecker, type Reply } from './fake-woodpecker';

const KEY = 'wp-test-key-0123456789';

let fake: FakeWoodpecker;
let http: WoodpeckerHttp;

beforeAll(async () => {
  configureLogger({ level: 'debug', format: 'json', silent: true });
  fake = await startFakeWoodpecker();
  http = new WoodpeckerHttp({ baseUrl: fake.url, apiKey: KEY, connections: 2, maxResponseBytes: 1024 * 1024 });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await http.close();
  await fake.close();
});

function get(overrides: Partial<WoodpeckerRequest> = {}): WoodpeckerRequest {
  return { method: 'GET', path: '/v1/prospects', signal: new AbortController().signal, timeoutMs: 2_000, ...overrides };
}

async function failureOf(request: Promise<unknown>): Promise<UpstreamFailure> {
  const error: unknown = await request.then(
    () => new Error('the exchange succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamFailure)) throw error;
  return error;
}

describe('WoodpeckerHttp request shape', () => {
  it('sends GETs below the base path with the key, accept header and query, and no content-type', async () => {
    fake.on('GET /v1/prospects', { json: [] });
    await http.exchange(get({ query: { page: 2, per_page: 50, status: undefined, search: 'email=a@b.co,company=Acme' } }));

    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/prospects');
    expect(request?.query).toEqual({ page: '2', per_page: '50', search: 'email=a@b.co,company=Acme' });
    expect(request?.headers['x-api-key']).toBe(KEY);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('sends POST bodies as JSON with content-type', async () => {
    fake.on('POST /v1/add_prospects_campaign', { json: { prospects: [] } });
    const body = { campaign: { campaign_id: 12 }, prospects: [{ email: 'a@b.co' }], force: false };
    await http.exchange({ ...get(), method: 'POST', path: '/v1/add_prospects_campaign', body });

    const [request] = fake.requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual(body);
  });

  it('returns status, headers and parsed JSON; 204 is an empty answer, not an error', async () => {
    fake.on('GET /v1/prospects', [
      { json: [{ id: 1 }], headers: { 'x-total-count': '31' } },
      { status: 204, empty: true, headers: { 'x-total-count': '0' } },
    ]);
    const full = await http.exchange(get());
    const empty = await http.exchange(get());

    expect(full).toMatchObject({ status: 200, body: [{ id: 1 }] });
    expect(full.headers['x-total-count']).toBe('31');
    expect(empty.status).toBe(204);
    expect(empty.body).toBeUndefined();
  });
});

describe('WoodpeckerHttp failure classification (meaning from the body code first)', () => {
  const cases: [string, Reply, FailureClass, Delivery, string | undefined][] = [
    ['E_SESSION with HTTP 400', { status: 400, json: v1Error('E_SESSION') }, 'auth', 'no', 'E_SESSION'],
    ['E_SESSION with HTTP 401', { status: 401, json: v1Error('E_SESSION') }, 'auth', 'no', 'E_SESSION'],
    ['an ERROR envelope with HTTP 200', { status: 200, json: v1Error('E_SESSION') }, 'auth', 'no', 'E_SESSION'],
    ['E_TOO_MANY_REQUESTS with HTTP 409', { status: 409, json: v1Error('E_TOO_MANY_REQUESTS') }, 'upstream_queue_full', 'no', 'E_TOO_MANY_REQUESTS'],
    ['E_TOO_MANY_REQUESTS with HTTP 400', { status: 400, json: v1Error('E_TOO_MANY_REQUESTS') }, 'upstream_queue_full', 'no', 'E_TOO_MANY_REQUESTS'],
    ['E_RECORD_NOT_FOUND', { status: 400, json: v1Error('E_RECORD_NOT_FOUND') }, 'not_found', 'no', 'E_RECORD_NOT_FOUND'],
    ['E_URL_NOT_FOUND', { status: 400, json: v1Error('E_URL_NOT_FOUND') }, 'bad_request', 'no', 'E_URL_NOT_FOUND'],
    ['E_WRONG_PARAM', { status: 400, json: v1Error('E_WRONG_PARAM', 'Wrong param [search]=second_name') }, 'bad_request', 'no', 'E_WRONG_PARAM'],
    ['E_REQUIRED_ELEMENT', { status: 400, json: v1Error('E_REQUIRED_ELEMENT') }, 'bad_request', 'no', 'E_REQUIRED_ELEMENT'],
    ['an unknown code with HTTP 400', { status: 400, json: v1Error('E_BRAND_NEW') }, 'bad_request', 'no', 'E_BRAND_NEW'],
    ['an unknown code with HTTP 500', { status: 500, json: v1Error('E_BRAND_NEW') }, 'server_error', 'maybe', 'E_BRAND_NEW'],
    ['v2 401', { status: 401, json: { title: 'Unauthorized', status: 401, detail: 'Invalid api key', timestamp: '2025-03-05 17:57:00' } }, 'auth', 'no', undefined],
    ['v2 404', { status: 404, json: { title: 'Not Found', status: 404, detail: 'Campaign not found' } }, 'not_found', 'no', undefined],
    ['v2 409', { status: 409, json: { title: 'Conflict', status: 409, detail: 'Illegal transition' } }, 'bad_request', 'no', undefined],
    ['v2 500', { status: 500, json: { title: 'Internal Server Error', status: 500, detail: 'x' } }, 'server_error', 'maybe', undefined],
    ['plain 401', { status: 401, text: 'Unauthorized', contentType: 'text/plain' }, 'auth', 'no', undefined],
    ['plain 403', { status: 403, text: '' }, 'forbidden', 'no', undefined],
    ['plain 404', { status: 404, text: 'Not Found', contentType: 'text/plain' }, 'not_found', 'no', undefined],
    ['plain 429', { status: 429, text: '' }, 'rate_limited', 'no', undefined],
    ['plain 500', { status: 500, text: '' }, 'server_error', 'maybe', undefined],
    ['an HTML 502 page', { status: 502, text: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' }, 'server_error', 'maybe', undefined],
    ['an HTML page with HTTP 200', { status: 200, text: '<html>Maintenance</html>', contentType: 'text/html' }, 'invalid_response', 'maybe', undefined],
    ['truncated JSON with HTTP 200', { status: 200, text: '[{"id":1,"email":"jane@acme.te' }, 'invalid_response', 'maybe', undefined],
    ['an empty 200 where JSON is expected', { status: 200, text: '' }, 'invalid_response', 'maybe', undefined],
    ['a connection reset before the answer', { reset: 'before-response' }, 'network', 'maybe', 'UND_ERR_SOCKET'],
    ['a connection reset mid-body', { reset: 'mid-body', partial: '[{"id":1,' }, 'network', 'maybe', 'UND_ERR_SOCKET'],
  ];

  it.each(cases)('%s', async (_, reply, failureClass, delivery, upstreamCode) => {
    fake.on('GET /v1/prospects', reply);
    const failure = await failureOf(http.exchange(get()));

    expect(failure).toMatchObject({ upstream: 'woodpecker', failureClass, delivery });
    expect(failure.upstreamCode).toBe(upstreamCode);
  });

  it('keeps Woodpecker text out of the failure message but keeps its code', async () => {
    fake.on('GET /v1/prospects', { status: 400, json: v1Error('E_WRONG_PARAM', 'Wrong param [search]=secret text') });
    const failure = await failureOf(http.exchange(get({ query: { search: 'email=jane@acme.test' } })));

    expect(failure.message).toBe('Woodpecker GET /v1/prospects: E_WRONG_PARAM (HTTP 400)');
    expect(failure.status).toBe(400);
  });

  it('takes the wait from Retry-After on a throttled answer and on a 503', async () => {
    fake.on('GET /v1/prospects', [
      { status: 409, json: v1Error('E_TOO_MANY_REQUESTS'), headers: { 'retry-after': '3' } },
      { status: 503, text: 'busy', contentType: 'text/plain', headers: { 'retry-after': '7' } },
      { status: 429, text: '', headers: { 'retry-after': '2' } },
    ]);

    expect((await failureOf(http.exchange(get()))).retryAfterMs).toBe(3_000);
    expect(await failureOf(http.exchange(get()))).toMatchObject({ failureClass: 'server_error', retryAfterMs: 7_000 });
    expect(await failureOf(http.exchange(get()))).toMatchObject({ failureClass: 'rate_limited', retryAfterMs: 2_000 });
  });

  it('a refused connection was never delivered', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const baseUrl = `http://127.0.0.1:${port}/rest`;
    const refused = new WoodpeckerHttp({ baseUrl, apiKey: KEY, connections: 1, maxResponseBytes: 1024 });

    const failure = await failureOf(refused.exchange(get()));
    await refused.close();

    expect(failure).toMatchObject({ failureClass: 'network', delivery: 'no', upstreamCode: 'ECONNREFUSED' });
  });

  it('the attempt timeout is a timeout; the caller leaving is an abort', async () => {
    fake.on('GET /v1/prospects', { hang: true });
    const timedOut = await failureOf(http.exchange(get({ timeoutMs: 50 })));

    const caller = new AbortController();
    const pending = http.exchange(get({ signal: caller.signal }));
    setTimeout(() => caller.abort(new Error('client went away')), 20);
    const aborted = await failureOf(pending);

    const runtimeTimeout = new AbortController();
    const cut = http.exchange(get({ signal: runtimeTimeout.signal }));
    setTimeout(() => runtimeTimeout.abort(new DOMException('attempt timed out', 'TimeoutError')), 20);
    const cutByRuntime = await failureOf(cut);

    expect(timedOut).toMatchObject({ failureClass: 'timeout', delivery: 'maybe' });
    expect(aborted).toMatchObject({ failureClass: 'aborted', delivery: 'maybe' });
    expect(cutByRuntime).toMatchObject({ failureClass: 'timeout', delivery: 'maybe' });
  });

  it('a signal that is already aborted sends nothing', async () => {
    const caller = new AbortController();
    caller.abort();
    const failure = await failureOf(http.exchange(get({ signal: caller.signal })));

    expect(failure).toMatchObject({ failureClass: 'aborted', delivery: 'no' });
    expect(fake.requests).toHaveLength(0);
  });

  describe('a response body over the size cap', () => {
    const CAP = 64 * 1024;
    let capped: WoodpeckerHttp;
    beforeAll(() => {
      capped = new WoodpeckerHttp({ baseUrl: fake.url, apiKey: KEY, connections: 1, maxResponseBytes: CAP });
    });
    afterAll(() => capped.close());

    it('When the declared length is over the cap, then it is an invalid response and nothing is buffered', async () => {
      const text = JSON.stringify('x'.repeat(CAP));
      fake.on('GET /v1/prospects', { text, headers: { 'content-length': String(text.length) } });
      const failure = await failureOf(capped.exchange(get()));

      expect(failure).toMatchObject({ failureClass: 'invalid_response', delivery: 'maybe', status: 200 });
      expect(failure.message).toBe(`Woodpecker GET /v1/prospects: response body over ${CAP} bytes (HTTP 200)`);
    });

    it('When a body without a length never ends, then the exchange fails at the cap and the connection is cut', async () => {
      fake.on('GET /v1/prospects', { endless: true });
      const failure = await failureOf(capped.exchange(get({ timeoutMs: 10_000 })));

      expect(failure).toMatchObject({ failureClass: 'invalid_response', delivery: 'maybe' });
      for (let i = 0; i < 100 && fake.cutOff === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(fake.cutOff).toBe(1);
    });

    it('When the body is within the cap, then it is read as usual', async () => {
      fake.on('GET /v1/prospects', { json: [{ id: 1, note: 'y'.repeat(CAP / 2) }] });
      await expect(capped.exchange(get())).resolves.toMatchObject({ status: 200, body: [{ id: 1 }] });
    });
  });

  describe('on routes that report per-item outcomes', () => {
    const processed = { prospects: [{ email: 'a@b.co', status: 'ERROR', code: 'E_DUPLICATE' }], ...v1Error('E_DUPLICATE') };
    const post = (reportsItemOutcomes: boolean): WoodpeckerRequest => ({
      ...get(),
      method: 'POST',
      path: '/v1/add_prospects_campaign',
      body: {},
      reportsItemOutcomes,
    });

    it('a top-level item code next to prospects[] is a processed batch', async () => {
      fake.on('POST /v1/add_prospects_campaign', { json: processed });
      await expect(http.exchange(post(true))).resolves.toMatchObject({ body: processed });
    });

    it('elsewhere, and for request-level codes, the envelope is still a failure', async () => {
      fake.on('POST /v1/add_prospects_campaign', [
        { json: processed },
        { status: 400, json: { prospects: [], ...v1Error('E_SESSION') } },
      ]);

      expect(await failureOf(http.exchange(post(false)))).toMatchObject({ failureClass: 'bad_request' });
      expect(await failureOf(http.exchange(post(true)))).toMatchObject({ failureClass: 'auth' });
    });
  });
});
