import { type WoodpeckerSimulator, startWoodpeckerSimulator } from '../index';
import { callWoodpecker } from './helpers';

type Json = Record<string, unknown>;

describe('Woodpecker simulator reads', () => {
  let sim: WoodpeckerSimulator;

  beforeAll(async () => {
    sim = await startWoodpeckerSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.configure({ authErrorStatus: 400, campaignListAsObject: false, lastRepliedWithSpace: false, legacySnipetFields: false });
    sim.resetStats();
  });

  const campaigns = () => [...sim.store.campaigns()];
  const getJson = async (path: string) => (await (await callWoodpecker(sim, path)).json()) as Json[];

  describe('authentication', () => {
    it('When the key is missing, then v1 answers E_SESSION with HTTP 400 (or the configured status)', async () => {
      const missing = await fetch(`${sim.url}/v1/me`);
      sim.configure({ authErrorStatus: 401 });
      const wrong = await fetch(`${sim.url}/v1/me`, { headers: { 'x-api-key': 'nope' } });

      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ status: { status: 'ERROR', code: 'E_SESSION', msg: 'Invalid API key' } });
      expect(wrong.status).toBe(401);
    });

    it.each([
      ['user', (key: string) => `${key}:X`],
      ['password', (key: string) => `:${key}`],
      ['whole credential', (key: string) => key],
    ])('When Basic auth carries the key as %s, then it is accepted', async (_as, credential) => {
      const basic = Buffer.from(credential(sim.apiKey)).toString('base64');

      const response = await fetch(`${sim.url}/v1/me`, { headers: { authorization: `Basic ${basic}` } });

      expect(response.status).toBe(200);
    });

    it('When a v2 route gets a bad key, then it answers the v2 401 body', async () => {
      const response = await fetch(`${sim.url}/v2/campaigns/${campaigns()[0]!.id}`, { headers: { 'x-api-key': 'nope' } });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ title: 'Unauthorized', status: 401, detail: 'Invalid api key' });
    });

    it('When the path is unknown, then v1 answers E_URL_NOT_FOUND', async () => {
      const response = await callWoodpecker(sim, '/v1/nothing_here');

      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ status: { code: 'E_URL_NOT_FOUND' } });
    });
  });

  describe('campaign_list', () => {
    it('When listed, then it is an array of ~6 campaigns with the v1 fields', async () => {
      const list = await getJson('/v1/campaign_list');

      expect(list).toHaveLength(6);
      expect(Object.keys(list[0]!)).toEqual(
        expect.arrayContaining(['id', 'name', 'status', 'created', 'from_name', 'from_email', 'folder_name', 'folder_id', 'per_day', 'bcc', 'cc', 'error']),
      );
      expect(list[0]!.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0100$/);
      expect(new Set(list.map((c) => c.status)).size).toBeGreaterThanOrEqual(4);
    });

    it('When filtered by status, then only those statuses come back, and 204 with no body when none match', async () => {
      const running = await getJson('/v1/campaign_list?status=RUNNING,PAUSED');
      const deleted = await callWoodpecker(sim, '/v1/campaign_list?status=DELETED');

      expect(running.map((c) => c.status).sort()).toEqual(['PAUSED', 'RUNNING', 'RUNNING']);
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
    });

    it('When exactly one id is asked, then the one campaign comes with stats and per-step emails', async () => {
      const campaign = campaigns()[0]!;

      const [item] = await getJson(`/v1/campaign_list?id=${campaign.id}`);

      expect(item).toMatchObject({ id: campaign.id, name: campaign.name });
      const stats = item!.stats as Json;
      expect(stats.prospects).toBe(sim.store.prospectsInCampaign(campaign.id).length);
      expect(Object.keys(stats)).toEqual(
        expect.arrayContaining(['interested', 'replied', 'bounced', 'opened', 'sent', 'queue', 'optout', 'emails']),
      );
      expect((stats.emails as Json[])[0]).toMatchObject({ number: 1, subject: expect.any(String), monday: [{ from: '08:00', to: '17:00' }] });
    });

    it('When several ids are asked, then they come without stats', async () => {
      const [a, b] = campaigns();

      const list = await getJson(`/v1/campaign_list?id=${a!.id},${b!.id}`);

      expect(list.map((c) => c.id)).toEqual([a!.id, b!.id]);
      expect(list[0]!.stats).toBeUndefined();
    });

    it('When the one id is unknown, then it is E_RECORD_NOT_FOUND', async () => {
      const response = await callWoodpecker(sim, '/v1/campaign_list?id=1');

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: { status: 'ERROR', code: 'E_RECORD_NOT_FOUND' } });
    });

    it('When campaignListAsObject is on, then the body is keyed by id', async () => {
      sim.configure({ campaignListAsObject: true });

      const body = (await (await callWoodpecker(sim, '/v1/campaign_list')).json()) as Record<string, Json>;

      expect(Object.keys(body)).toEqual(campaigns().map((c) => String(c.id)));
    });
  });

  describe('prospects', () => {
    it('When listed without paging, then 100 come back with X-Total-Count of all 300', async () => {
      const response = await callWoodpecker(sim, '/v1/prospects');

      expect(response.headers.get('x-total-count')).toBe('300');
      const page = (await response.json()) as Json[];
      expect(page).toHaveLength(100);
      expect(Object.keys(page[0]!)).toEqual(expect.arrayContaining(['id', 'email', 'first_name', 'last_contacted', 'last_replied', 'updated', 'snippet1', 'snippet15', 'status']));
    });

    it('When paging, then pages do not overlap and a page past the end is 204 with the total', async () => {
      const first = await getJson('/v1/prospects?page=1&per_page=120');
      const third = await getJson('/v1/prospects?page=3&per_page=120');
      const beyond = await callWoodpecker(sim, '/v1/prospects?page=4&per_page=100');

      expect(third).toHaveLength(60);
      expect(new Set([...first, ...third].map((p) => p.id)).size).toBe(180);
      expect(beyond.status).toBe(204);
      expect(beyond.headers.get('x-total-count')).toBe('300');
      expect(await beyond.text()).toBe('');
    });

    it('When per_page is above 1000, then it is E_WRONG_PARAM; 1000 is fine', async () => {
      const tooMany = await callWoodpecker(sim, '/v1/prospects?per_page=1001');
      const max = await callWoodpecker(sim, '/v1/prospects?per_page=1000');

      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toMatchObject({ status: { code: 'E_WRONG_PARAM' } });
      expect(((await max.json()) as Json[]).length).toBe(300);
    });

    it('When searching a full email, then it matches exactly; a fragment matches as a substring', async () => {
      const someone = [...sim.store.prospects()][10]!;
      const domain = someone.email.split('@')[1]!;

      const exact = await getJson(`/v1/prospects?search=${encodeURIComponent(`email=${someone.email.toUpperCase()}`)}`);
      const fragment = await getJson(`/v1/prospects?search=${encodeURIComponent(`email=@${domain}`)}&per_page=1000`);

      expect(exact.map((p) => p.id)).toEqual([someone.id]);
      expect(fragment.length).toBeGreaterThan(1);
      expect(fragment.every((p) => String(p.email).endsWith(`@${domain}`))).toBe(true);
    });

    it('When searching two fields, then both must match; the same field twice means either value', async () => {
      const all = [...sim.store.prospects()];
      const first = all[0]!;
      const contains = (value: string, fragment: string) => value.toLowerCase().includes(fragment.toLowerCase());

      const both = await getJson(`/v1/prospects?search=${encodeURIComponent(`first_name=${first.first_name},company=${first.company}`)}&per_page=1000`);
      const either = await getJson(`/v1/prospects?search=${encodeURIComponent('first_name=zoe,first_name=erik')}&per_page=1000`);

      const expectedBoth = all.filter((p) => contains(p.first_name, first.first_name) && contains(p.company, first.company));
      const expectedEither = all.filter((p) => contains(p.first_name, 'zoe') || contains(p.first_name, 'erik'));
      expect(both.map((p) => p.id)).toEqual(expectedBoth.map((p) => p.id));
      expect(both.map((p) => p.id)).toContain(first.id);
      expect(new Set(either.map((p) => p.first_name))).toEqual(new Set(['Zoe', 'Erik']));
      expect(either.map((p) => p.id)).toEqual(expectedEither.map((p) => p.id));
    });

    it('When searching an unknown field, then it is E_WRONG_PARAM naming it', async () => {
      const response = await callWoodpecker(sim, `/v1/prospects?search=${encodeURIComponent('second_name=Smith')}`);

      expect(await response.json()).toEqual({ status: { status: 'ERROR', code: 'E_WRONG_PARAM', msg: 'Wrong param [search]=second_name' } });
    });

    it('When filtered by an empty campaign, then it is 204; by a populated one, exactly its prospects', async () => {
      const empty = campaigns().find((c) => sim.store.prospectsInCampaign(c.id).length === 0)!;
      const full = campaigns()[0]!;

      const none = await callWoodpecker(sim, `/v1/prospects?campaigns_id=${empty.id}`);
      const members = await getJson(`/v1/prospects?campaigns_id=${full.id}&per_page=1000`);

      expect(none.status).toBe(204);
      expect(members.map((p) => p.id)).toEqual(sim.store.prospectsInCampaign(full.id).map((p) => p.id));
    });

    it('When campaigns_details=true, then each prospect lists its campaigns', async () => {
      const twice = [...sim.store.prospects()].find((p) => sim.store.enrolmentsOf(p.id).length === 2)!;

      const [prospect] = await getJson(`/v1/prospects?id=${twice.id}&campaigns_details=true`);

      expect(prospect!.campaigns_details).toHaveLength(2);
      expect((prospect!.campaigns_details as Json[])[0]).toEqual({
        campaign_id: expect.any(Number),
        campaign_name: expect.any(String),
        campaign_status: expect.any(String),
        campaign_prospect_status: expect.any(String),
        interested: expect.any(String),
        campaign_email: expect.any(String),
      });
    });

    it('When filtered by status, then only that status comes back (the seed has a handful of each)', async () => {
      const blacklisted = await getJson('/v1/prospects?status=BLACKLIST');

      expect(blacklisted.length).toBeGreaterThanOrEqual(3);
      expect(blacklisted.every((p) => p.status === 'BLACKLIST')).toBe(true);
    });

    it('When sorted by -company, then companies descend (ties by id)', async () => {
      const sorted = await getJson('/v1/prospects?sort=-company&per_page=1000');

      const companies = sorted.map((p) => String(p.company));
      expect(companies).toEqual([...companies].sort().reverse());
    });

    it('When the legacy quirks are on, then "last replied" and snipet1..4 appear', async () => {
      sim.configure({ lastRepliedWithSpace: true, legacySnipetFields: true });

      const [prospect] = await getJson('/v1/prospects?per_page=1');

      expect(prospect).toHaveProperty(['last replied']);
      expect(prospect).not.toHaveProperty('last_replied');
      expect(prospect!.snipet1).toBe(prospect!.snippet1);
    });
  });

  describe('v2 campaigns', () => {
    it('When a campaign is read, then it has settings and a START → EMAIL step tree', async () => {
      const campaign = campaigns()[0]!;

      const body = (await (await callWoodpecker(sim, `/v2/campaigns/${campaign.id}`)).json()) as Json;

      expect(body).toMatchObject({ id: campaign.id, status: campaign.status, settings: { timezone: 'Europe/Warsaw' } });
      expect(body.steps).toMatchObject({ type: 'START', followup: { type: 'EMAIL', followup: { type: 'EMAIL' } } });
    });

    it('When run/pause/stop are called, then the status follows DRAFT → RUNNING ⇄ PAUSED → STOPPED and illegal moves are 409', async () => {
      const draft = campaigns().find((c) => c.status === 'DRAFT')!;
      const action = (name: string) => callWoodpecker(sim, `/v2/campaigns/${draft.id}/${name}`, { method: 'POST' });

      expect((await action('pause')).status).toBe(409);
      expect((await action('run')).status).toBe(200);
      expect((await action('pause')).status).toBe(200);
      expect((await action('stop')).status).toBe(200);
      expect(sim.store.campaign(draft.id)!.status).toBe('STOPPED');
      expect((await callWoodpecker(sim, '/v2/campaigns/abc')).status).toBe(400);
      expect((await callWoodpecker(sim, '/v2/campaigns/1')).status).toBe(404);
      sim.resetData();
    });
  });
});
