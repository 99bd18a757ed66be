import { type WoodpeckerSimulator, startWoodpeckerSimulator } from '../index';
import { addProspects, callWoodpecker } from './helpers';

type Json = Record<string, unknown>;

describe('Woodpecker simulator writes', () => {
  let sim: WoodpeckerSimulator;

  beforeAll(async () => {
    sim = await startWoodpeckerSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.resetData();
    sim.configure({ itemStyle: 'flat' });
  });

  const running = () => [...sim.store.campaigns()].find((c) => c.status === 'RUNNING')!;
  const memberOf = (campaignId: number) => sim.store.prospectsInCampaign(campaignId)[0]!;
  const blacklisted = () => [...sim.store.prospects()].find((p) => p.status === 'BLACKLIST')!;
  const add = async (body: Json) => {
    const response = await addProspects(sim, body);
    return { status: response.status, body: (await response.json()) as { prospects: Json[]; status: Json } };
  };

  describe('add_prospects_campaign', () => {
    it('When a mixed batch is added, then each item says OK, DUPLICATE or ERROR and the batch is still 200', async () => {
      const campaign = running();
      const already = memberOf(campaign.id);
      const banned = blacklisted();

      const { status, body } = await add({
        campaign: { campaign_id: campaign.id },
        prospects: [
          { email: 'new.person@example.com', first_name: 'New', snippet1: 'Subject', snippet2: '<div>Body</div>' },
          { email: already.email },
          { email: 'not-an-email' },
          { email: banned.email },
        ],
      });

      expect(status).toBe(200);
      expect(body.status).toEqual({ status: 'OK', code: 'OK', msg: 'Added: 1, duplicates: 1, errors: 2' });
      const created = sim.store.prospectByEmail('new.person@example.com')!;
      expect(body.prospects).toEqual([
        { email: 'new.person@example.com', id: created.id, status: 'OK' },
        { email: already.email, id: already.id, status: 'DUPLICATE', code: 'E_DUPLICATE', msg: expect.any(String) },
        { email: 'not-an-email', status: 'ERROR', code: 'E_EMAIL', msg: expect.any(String) },
        { email: banned.email, id: banned.id, status: 'ERROR', code: 'E_INV_STATUS', msg: 'Prospect status is BLACKLIST' },
      ]);
      expect(created).toMatchObject({ status: 'ACTIVE', first_name: 'New', snippet1: 'Subject', snippet2: '<div>Body</div>' });
      expect(sim.store.isEnrolled(campaign.id, created.id)).toBe(true);
      expect(sim.store.isEnrolled(campaign.id, banned.id)).toBe(false);
    });

    it('When force is "true" (a string), then a non-ACTIVE prospect is enrolled anyway', async () => {
      const campaign = running();
      const banned = blacklisted();

      const { body } = await add({ campaign: { campaign_id: String(campaign.id) }, force: 'true', prospects: [{ email: banned.email }] });

      expect(body.prospects).toEqual([{ email: banned.email, id: banned.id, status: 'OK' }]);
      expect(sim.store.isEnrolled(campaign.id, banned.id)).toBe(true);
    });

    it('When the same batch is sent twice, then the second time every prospect is a duplicate and nothing is added twice', async () => {
      const campaign = running();
      const batch = { campaign: { campaign_id: campaign.id }, prospects: [{ email: 'a@example.com' }, { email: 'b@example.com' }] };
      const before = sim.store.prospectsInCampaign(campaign.id).length;

      await add(batch);
      const { body } = await add(batch);

      expect(body.prospects.map((p) => p.code)).toEqual(['E_DUPLICATE', 'E_DUPLICATE']);
      expect(sim.store.prospectsInCampaign(campaign.id)).toHaveLength(before + 2);
    });

    it('When a known prospect joins another campaign without update, then its stored snippets are kept; with update they change', async () => {
      const [first, second] = [...sim.store.campaigns()].filter((c) => c.status === 'RUNNING');
      await add({ campaign: { campaign_id: first!.id }, prospects: [{ email: 'kept@example.com', snippet1: 'original' }] });

      await add({ campaign: { campaign_id: second!.id }, prospects: [{ email: 'kept@example.com', snippet1: 'ignored' }] });
      const kept = sim.store.prospectByEmail('kept@example.com')!.snippet1;
      const { body } = await add({ campaign: { campaign_id: second!.id }, update: true, prospects: [{ email: 'kept@example.com', snippet1: 'updated' }] });

      expect(kept).toBe('original');
      expect(body.prospects[0]).toMatchObject({ status: 'OK' });
      expect(sim.store.prospectByEmail('kept@example.com')!.snippet1).toBe('updated');
    });

    it('When itemStyle is nested, then each item carries a status object', async () => {
      sim.configure({ itemStyle: 'nested' });
      const campaign = running();
      const already = memberOf(campaign.id);

      const { body } = await add({ campaign: { campaign_id: campaign.id }, prospects: [{ email: 'nested@example.com' }, { email: already.email }, { email: 'bad' }] });

      expect(body.prospects).toEqual([
        { email: 'nested@example.com', id: expect.any(Number), status: { status: 'OK', code: 'OK', msg: expect.any(String) } },
        { email: already.email, id: already.id, status: { status: 'ERROR', code: 'E_DUPLICATE', msg: expect.any(String) } },
        { email: 'bad', status: { status: 'ERROR', code: 'E_EMAIL', msg: expect.any(String) } },
      ]);
    });

    it.each([
      ['an unknown campaign', 'E_RECORD_NOT_FOUND', () => ({ campaign: { campaign_id: 1 }, prospects: [{ email: 'x@example.com' }] })],
      ['no campaign', 'E_RECORD_NOT_FOUND', () => ({ prospects: [{ email: 'x@example.com' }] })],
      ['a bad force flag', 'E_WRONG_PARAM', (id: number) => ({ campaign: { campaign_id: id }, force: 'yes', prospects: [{ email: 'x@example.com' }] })],
    ])('When the request has %s, then it is the v1 error %s', async (_case, code, body) => {
      const { status, body: answer } = await add(body(running().id));

      expect(status).toBe(400);
      expect(answer).toMatchObject({ status: { status: 'ERROR', code } });
    });

    it('When prospects is missing for a real campaign, then it is E_REQUIRED_ELEMENT; above 20000, E_WRONG_PARAM', async () => {
      const campaign = { campaign_id: running().id };

      const missing = await add({ campaign });
      const tooMany = await add({ campaign, prospects: Array.from({ length: 20_001 }, () => ({ email: 'x@example.com' })) });

      expect(missing.body).toMatchObject({ status: { code: 'E_REQUIRED_ELEMENT' } });
      expect(tooMany.body).toMatchObject({ status: { code: 'E_WRONG_PARAM' } });
    });
  });

  describe('DELETE /v1/prospects', () => {
    it('When campaigns_id is given, then the prospect only leaves that campaign', async () => {
      const campaign = running();
      const member = memberOf(campaign.id);

      const response = await callWoodpecker(sim, `/v1/prospects?id=${member.id}&campaigns_id=${campaign.id}`, { method: 'DELETE' });

      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(sim.store.isEnrolled(campaign.id, member.id)).toBe(false);
      expect(sim.store.prospect(member.id)).toBeDefined();
    });

    it('When no campaign is given, then the prospect is deleted everywhere', async () => {
      const member = memberOf(running().id);

      await callWoodpecker(sim, `/v1/prospects?id=${member.id}`, { method: 'DELETE' });

      expect(sim.store.prospect(member.id)).toBeUndefined();
      expect(sim.store.enrolmentsOf(member.id)).toEqual([]);
    });

    it('When the URL is longer than 4100 characters, then it is a 414; without id, a v1 error', async () => {
      const ids = Array.from({ length: 600 }, (_, i) => 10_000_000 + i).join(',');

      const tooLong = await callWoodpecker(sim, `/v1/prospects?id=${ids}`, { method: 'DELETE' });
      const noId = await callWoodpecker(sim, '/v1/prospects', { method: 'DELETE' });

      expect(tooLong.status).toBe(414);
      expect(await noId.json()).toMatchObject({ status: { code: 'E_REQUIRED_ELEMENT' } });
    });
  });
});
