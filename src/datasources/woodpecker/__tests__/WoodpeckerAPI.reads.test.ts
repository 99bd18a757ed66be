import { FORCE_REFRESH_WINDOW_MS } from '../campaign-cache';
import { WoodpeckerAPI } from '../WoodpeckerAPI';
import { API_KEY, startHarness, type Harness } from './harness';
import { v1Error } from './fake-woodpecker';
import { WIRE_STATS, wireCampaign, wireProspect } from './wire-fixtures';
import { bffRejection } from '../../../testing/bff-rejection';
import { BffError, ErrorCode } from '../../../errors';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.renew());
afterAll(() => h.close());

const LIST = 'GET /v1/campaign_list';
const PROSPECTS = 'GET /v1/prospects';

describe('listCampaigns', () => {
  const campaigns = [
    wireCampaign(1, { created: '2024-01-01T10:00:00+0000', status: 'PAUSED' }),
    wireCampaign(2, { created: '2024-03-01T10:00:00+0000' }),
    wireCampaign(3, { created: '2024-02-01T10:00:00+0000', status: 'DELETED' }),
    wireCampaign(4, { created: '2024-02-15T10:00:00+0000', status: 'DRAFT' }),
  ];

  it('reads the list once with the key, newest first, without unknown statuses', async () => {
    h.fake.on(LIST, { json: campaigns });

    const result = await h.api().listCampaigns();

    expect(result.map((c) => [c.id, c.status])).toEqual([
      ['2', 'RUNNING'],
      ['4', 'DRAFT'],
      ['1', 'PAUSED'],
    ]);
    const [request] = h.fake.requestsTo(LIST);
    expect(request?.query).toEqual({});
    expect(request?.headers['x-api-key']).toBe(API_KEY);
  });

  it('filters by status in memory from the shared cache: one upstream call for many requests', async () => {
    h.fake.on(LIST, { json: campaigns });

    const running = await h.api().listCampaigns({ status: ['RUNNING'] });
    const pausedOrDraft = await h.api().listCampaigns({ status: ['PAUSED', 'DRAFT'] });
    const all = await h.api().listCampaigns({ status: [] });

    expect(running.map((c) => c.id)).toEqual(['2']);
    expect(pausedOrDraft.map((c) => c.id)).toEqual(['4', '1']);
    expect(all).toHaveLength(3);
    expect(h.fake.requestsTo(LIST)).toHaveLength(1);
  });

  it('concurrent cold requests share one call; forceRefresh after the refresh window reads Woodpecker again', async () => {
    h.fake.on(LIST, [{ json: campaigns }, { json: [...campaigns, wireCampaign(5, { created: '2024-04-01T00:00:00+0000' })] }]);

    await Promise.all([h.api().listCampaigns(), h.api().listCampaigns(), h.api().listCampaigns()]);
    expect((await h.api().listCampaigns({ forceRefresh: true }))[0]?.id).not.toBe('5');
    h.later(FORCE_REFRESH_WINDOW_MS);
    const refreshed = await h.api().listCampaigns({ forceRefresh: true });
    const cached = await h.api().listCampaigns();

    expect(h.fake.requestsTo(LIST)).toHaveLength(2);
    expect(refreshed[0]?.id).toBe('5');
    expect(cached[0]?.id).toBe('5');
  });

  it('reads a body keyed by id', async () => {
    h.fake.on(LIST, { json: { '7': wireCampaign(7), '8': wireCampaign(8) } });

    expect((await h.api().listCampaigns()).map((c) => c.id).sort()).toEqual(['7', '8']);
  });

  it('recovers from a throttled answer (E_TOO_MANY_REQUESTS with HTTP 409) by retrying', async () => {
    h.fake.on(LIST, [{ status: 409, json: v1Error('E_TOO_MANY_REQUESTS') }, { json: campaigns }]);

    expect(await h.api().listCampaigns()).toHaveLength(3);
    expect(h.fake.requestsTo(LIST)).toHaveLength(2);
  });

  it('a bad key is a configuration problem: INTERNAL_SERVER_ERROR, not retried', async () => {
    h.fake.on(LIST, { status: 401, json: v1Error('E_SESSION', 'Invalid API key') });

    const error = await bffRejection(h.api().listCampaigns());

    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('Invalid API key');
    expect(h.fake.requestsTo(LIST)).toHaveLength(1);
  });
});

describe('getCampaign / campaignDetails', () => {
  it('asks for exactly one id and maps its stats', async () => {
    h.fake.on(LIST, { json: [wireCampaign(5, { stats: WIRE_STATS })] });

    const campaign = await h.api().getCampaign('5');

    expect(h.fake.requestsTo(LIST)[0]?.query).toEqual({ id: '5' });
    expect(campaign).toMatchObject({ id: '5', name: 'Campaign 5', stats: { prospects: 130, delivered: 120, optedOut: 7 } });
  });

  it('E_RECORD_NOT_FOUND (or an empty answer) means null; a non-numeric id is not sent', async () => {
    h.fake.on(LIST, [{ status: 400, json: v1Error('E_RECORD_NOT_FOUND') }, { status: 204, empty: true }]);

    expect(await h.api().getCampaign('404')).toBeNull();
    expect(await h.api().getCampaign('405')).toBeNull();
    expect(await h.api().getCampaign('abc')).toBeNull();
    expect(h.fake.requestsTo(LIST)).toHaveLength(2);
  });

  it('loads each campaign once per request, however many fields ask', async () => {
    h.fake.on(LIST, (request) => ({ json: [wireCampaign(Number(request.query.id), { stats: WIRE_STATS })] }));
    const api = h.api();

    await Promise.all([api.campaignDetails.load('5'), api.campaignDetails.load('5'), api.campaignDetails.load('6')]);
    await api.getCampaign('5');

    expect(h.fake.requestsTo(LIST).map((r) => r.query.id)).toEqual(['5', '6']);
  });
});

describe('listProspects', () => {
  it('sends page, per_page, campaign, status and search in Woodpecker syntax, with campaign details', async () => {
    h.fake.on(PROSPECTS, { json: [], headers: { 'x-total-count': '0' } });

    await h.api().listProspects({ campaignId: '12', status: 'TO_CHECK', email: ' Jane@Acme.test ', search: 'Acme Labs' }, 3, 25);

    expect(h.fake.requestsTo(PROSPECTS)[0]?.query).toEqual({
      page: '3',
      per_page: '25',
      campaigns_id: '12',
      status: 'TO-CHECK',
      search: 'email=jane@acme.test,company=Acme Labs',
      campaigns_details: 'true',
    });
  });

  it('maps the page and takes the total from X-Total-Count', async () => {
    const items = [wireProspect(1, 'a@acme.test', [12]), wireProspect(2, 'b@acme.test', [])];
    h.fake.on(PROSPECTS, { json: items, headers: { 'x-total-count': '5' } });

    const page = await h.api().listProspects({}, 2, 2);

    expect(page).toMatchObject({ totalCount: 5, page: 2, perPage: 2, hasNextPage: true });
    expect(page.items.map((p) => [p.id, p.email, p.campaignIds])).toEqual([
      ['1', 'a@acme.test', ['12']],
      ['2', 'b@acme.test', []],
    ]);
    h.fake.on(PROSPECTS, { json: [wireProspect(5, 'e@acme.test')], headers: { 'x-total-count': '5' } });
    expect(await h.api().listProspects({}, 3, 2)).toMatchObject({ totalCount: 5, hasNextPage: false });
  });

  it('204 with an empty body is an empty page, with the total from the header or 0', async () => {
    h.fake.on(PROSPECTS, [{ status: 204, empty: true, headers: { 'x-total-count': '40' } }, { status: 204, empty: true }]);

    expect(await h.api().listProspects({}, 9, 5)).toEqual({ items: [], totalCount: 40, page: 9, perPage: 5, hasNextPage: false });
    expect(await h.api().listProspects({ campaignId: '12' }, 1, 100)).toEqual({
      items: [],
      totalCount: 0,
      page: 1,
      perPage: 100,
      hasNextPage: false,
    });
  });

  it('without X-Total-Count a full page hints at another one', async () => {
    h.fake.on(PROSPECTS, { json: [wireProspect(1, 'a@acme.test'), wireProspect(2, 'b@acme.test')] });

    expect(await h.api().listProspects({}, 1, 2)).toMatchObject({ totalCount: 2, hasNextPage: true });
  });

  it.each([
    [{}, 0, 100, ['page']],
    [{}, 1, 0, ['perPage']],
    [{}, 1, 1001, ['perPage']],
    [{ email: 'jane@' }, 1, 100, ['filter.email']],
    [{ search: 'Acme, Inc.' }, 1, 100, ['filter.search']],
  ])('refuses bad input before calling Woodpecker: %p page %p perPage %p', async (filter, page, perPage, fields) => {
    const error = await bffRejection(h.api().listProspects(filter, page, perPage));

    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual(fields);
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('campaignById (Prospect.campaigns)', () => {
  const campaigns = Array.from({ length: 10 }, (_, i) => wireCampaign(i + 1));
  const prospects = Array.from({ length: 100 }, (_, i) => wireProspect(i + 1, `p${i}@acme.test`, [(i % 10) + 1]));

  async function pageWithCampaigns(): Promise<string[][]> {
    const api = h.api();
    const page = await api.listProspects({}, 1, 100);
    const resolved = await Promise.all(page.items.map((p) => api.campaignById.loadMany(p.campaignIds)));
    return resolved.map((list) => list.map((c) => (c && !(c instanceof Error) ? c.name : 'missing')));
  }

  it('100 prospects over 10 campaigns cost one campaign call cold and none warm', async () => {
    h.fake.on(PROSPECTS, { json: prospects, headers: { 'x-total-count': '100' } });
    h.fake.on(LIST, { json: campaigns });

    const cold = await pageWithCampaigns();
    expect(h.fake.requestsTo(LIST)).toHaveLength(1);
    expect(h.fake.requests).toHaveLength(2);

    const warm = await pageWithCampaigns();
    expect(h.fake.requestsTo(LIST)).toHaveLength(1);
    expect(h.fake.requestsTo(PROSPECTS)).toHaveLength(2);
    expect(warm).toEqual(cold);
    expect(cold[13]).toEqual(['Campaign 4']);
  });

  it('ids missing from the cached list are fetched with one by-ids call; unknown ones stay null', async () => {
    h.fake.on(LIST, (request) => ({ json: request.query.id ? [wireCampaign(40)] : campaigns }));
    const api = h.api();

    const found = await api.campaignById.loadMany(['3', '40', '41', 'x']);

    expect(found.map((c) => (c && !(c instanceof Error) ? c.id : c))).toEqual(['3', '40', null, null]);
    expect(h.fake.requestsTo(LIST).map((r) => r.query)).toEqual([{}, { id: '40,41' }]);
  });
});

describe('duplicateEmails', () => {
  const page = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => wireProspect(from + i, `p${from + i}@acme.test`, [12]));

  it('pages through the campaign 1000 at a time and answers in the caller spelling, input order, each once', async () => {
    h.fake.on(PROSPECTS, (request) =>
      request.query.page === '1'
        ? { json: page(1, 1000), headers: { 'x-total-count': '1500' } }
        : { json: page(1001, 500), headers: { 'x-total-count': '1500' } },
    );

    const found = await h.api().duplicateEmails('12', ['P1200@Acme.test', 'new@acme.test', 'p5@acme.test', 'p1200@acme.test']);

    expect(found).toEqual(['P1200@Acme.test', 'p5@acme.test']);
    expect(h.fake.requestsTo(PROSPECTS).map((r) => r.query)).toEqual([
      { campaigns_id: '12', per_page: '1000', page: '1' },
      { campaigns_id: '12', per_page: '1000', page: '2' },
    ]);
  });

  it('stops as soon as every address was found', async () => {
    h.fake.on(PROSPECTS, { json: page(1, 1000), headers: { 'x-total-count': '5000' } });

    expect(await h.api().duplicateEmails('12', ['p7@acme.test'])).toEqual(['p7@acme.test']);
    expect(h.fake.requestsTo(PROSPECTS)).toHaveLength(1);
  });

  it('stops at 204 and at a short page', async () => {
    h.fake.on(PROSPECTS, [{ json: page(1, 1000) }, { status: 204, empty: true }]);

    expect(await h.api().duplicateEmails('12', ['new@acme.test'])).toEqual([]);
    expect(h.fake.requestsTo(PROSPECTS)).toHaveLength(2);
  });

  it('an empty campaign that exists has no duplicates', async () => {
    h.fake.on(PROSPECTS, { status: 204, empty: true });
    h.fake.on(LIST, { json: [wireCampaign(12)] });

    expect(await h.api().duplicateEmails('12', ['a@acme.test'])).toEqual([]);
  });

  it('an unknown campaign is NOT_FOUND, whether Woodpecker says so or just answers nothing', async () => {
    h.fake.on(PROSPECTS, [{ status: 400, json: v1Error('E_RECORD_NOT_FOUND') }, { status: 204, empty: true }]);
    const notFound = { status: 400, json: v1Error('E_RECORD_NOT_FOUND') };
    h.fake.on(LIST, (request) => (request.query.id ? notFound : { json: [wireCampaign(12)] }));

    const said = await bffRejection(h.api().duplicateEmails('999', ['a@acme.test']));
    const silent = await bffRejection(h.api().duplicateEmails('998', ['a@acme.test']));

    expect([said.code, said.message]).toEqual(['NOT_FOUND', 'Campaign 999 was not found in Woodpecker.']);
    expect([silent.code, silent.message]).toEqual(['NOT_FOUND', 'Campaign 998 was not found in Woodpecker.']);
  });

  it('When Woodpecker sends no total, then at most 10 pages are read before the campaign is refused as too large to check', async () => {
    h.fake.on(PROSPECTS, (request) => ({ json: page((Number(request.query.page) - 1) * 1000 + 1, 1000) }));

    const refused = await bffRejection(h.api().duplicateEmails('12', ['new@acme.test']));

    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/more than 10000 prospects/);
    expect(h.fake.requestsTo(PROSPECTS)).toHaveLength(10);
  });

  it('When every read is charged to the caller and the budget runs out mid-way, then the check stops there with RATE_LIMITED', async () => {
    h.fake.on(PROSPECTS, { json: page(1, 1000), headers: { 'x-total-count': '5000' } });
    let left = 2;
    const budget = {
      charge: async () => {
        if (left-- <= 0) throw new BffError(ErrorCode.RATE_LIMITED, 'over budget');
      },
    };

    const refused = await bffRejection(new WoodpeckerAPI(h.shared, undefined, budget).duplicateEmails('12', ['new@acme.test']));

    expect(refused.code).toBe('RATE_LIMITED');
    expect(h.fake.requestsTo(PROSPECTS)).toHaveLength(2);
  });

  it('no emails, no calls', async () => {
    expect(await h.api().duplicateEmails('12', [])).toEqual([]);
    expect(h.fake.requests).toHaveLength(0);
  });
});
