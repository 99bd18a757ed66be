import { type WoodpeckerSimulator, startWoodpeckerSimulator } from '../index';
import { addProspects, callWoodpecker } from './helpers';

describe('Fault injection', () => {
  let sim: WoodpeckerSimulator;

  beforeAll(async () => {
    sim = await startWoodpeckerSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.resetData();
    sim.resetStats();
    sim.configure({ faultRate: 0, faultAfterApplyRatio: 0.5, faultsByRoute: {} });
  });

  const campaignId = () => [...sim.store.campaigns()].find((c) => c.status === 'RUNNING')!.id;
  const batch = () => ({ campaign: { campaign_id: campaignId() }, prospects: [{ email: 'fault.test@example.com' }] });
  const enrolled = () => {
    const prospect = sim.store.prospectByEmail('fault.test@example.com');
    return prospect !== undefined && sim.store.isEnrolled(campaignId(), prospect.id);
  };

  async function statusesFor(seed: number): Promise<number[]> {
    const other = await startWoodpeckerSimulator({
      seed,
      faultRate: 0.5,
      faults: { server_error: 1, too_many_requests: 1, unavailable: 1, html: 1 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await callWoodpecker(other, '/v1/me')).status);
    await other.close();
    return statuses;
  }

  it('When two simulators share a seed, then they inject the same faults in the same order; another seed differs', async () => {
    const [a, b, c] = [await statusesFor(7), await statusesFor(7), await statusesFor(8)];

    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(5);
  });

  it('When a write fault strikes after the write was applied, then the prospect is in and a retry says E_DUPLICATE', async () => {
    sim.configure({ faultAfterApplyRatio: 1 });
    sim.script('add_prospects_campaign', ['server_error']);

    const lost = await addProspects(sim, batch());
    const retry = await addProspects(sim, batch());

    expect(lost.status).toBe(500);
    expect(enrolled()).toBe(true);
    expect(((await retry.json()) as { prospects: Array<{ code?: string }> }).prospects[0]!.code).toBe('E_DUPLICATE');
    expect(sim.stats).toMatchObject({ faultsAfterApply: 1, faultsBeforeApply: 0 });
  });

  it('When a write fault strikes before the write, then nothing changed and a retry adds the prospect', async () => {
    sim.configure({ faultAfterApplyRatio: 0 });
    sim.script('add_prospects_campaign', ['reset']);

    await expect(addProspects(sim, batch()).then((r) => r.text())).rejects.toThrow();
    expect(enrolled()).toBe(false);
    const retry = await addProspects(sim, batch());

    expect(((await retry.json()) as { prospects: Array<{ status: string }> }).prospects[0]!.status).toBe('OK');
    expect(sim.stats).toMatchObject({ faultsAfterApply: 0, faultsBeforeApply: 1, faultsInjected: { reset: 1 } });
  });

  it('When a write is reset after it was applied, then the connection dies but the prospect is in', async () => {
    sim.configure({ faultAfterApplyRatio: 1 });
    sim.script('add_prospects_campaign', ['reset']);

    await expect(addProspects(sim, batch()).then((r) => r.text())).rejects.toThrow();

    expect(enrolled()).toBe(true);
  });

  it('When E_TOO_MANY_REQUESTS is injected on a write, then it is always before applying', async () => {
    sim.configure({ faultAfterApplyRatio: 1 });
    sim.script('add_prospects_campaign', ['too_many_requests']);

    const response = await addProspects(sim, batch());

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: { code: 'E_TOO_MANY_REQUESTS' } });
    expect(enrolled()).toBe(false);
  });

  it.each([
    ['error_envelope', 200, (body: string) => expect(JSON.parse(body)).toMatchObject({ status: { status: 'ERROR', code: 'E_TOO_MANY_REQUESTS' } })],
    ['empty_200', 200, (body: string) => expect(body).toBe('')],
    ['malformed', 200, (body: string) => expect(() => JSON.parse(body) as unknown).toThrow()],
    ['html', 502, (body: string) => expect(body).toContain('<html>')],
    ['unavailable', 503, (body: string) => expect(body).toContain('503')],
  ] as const)('When %s is scripted on a read, then the answer is HTTP %i with the matching body', async (kind, status, check) => {
    sim.script('campaign_list', [kind]);

    const response = await callWoodpecker(sim, '/v1/campaign_list');

    expect(response.status).toBe(status);
    check(await response.text());
  });

  it('When server_error is injected, then it is a 500, sometimes an HTML proxy page and sometimes JSON', async () => {
    sim.script('me', Array.from({ length: 6 }, () => 'server_error' as const));

    const types = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const response = await callWoodpecker(sim, '/v1/me');
      expect(response.status).toBe(500);
      types.add(response.headers.get('content-type')!.split(';')[0]!);
    }

    expect(types).toEqual(new Set(['text/html', 'application/json']));
  });

  it('When faults are limited to one route, then other routes are never faulted', async () => {
    sim.configure({ faultRate: 1, faults: {}, faultsByRoute: { add_prospects_campaign: { unavailable: 1 } } });

    const read = await callWoodpecker(sim, '/v1/campaign_list');
    const write = await addProspects(sim, batch());

    expect(read.status).toBe(200);
    expect(write.status).toBe(503);
  });

  it("When a script says 'ok', then it wins over faultRate 1", async () => {
    sim.configure({ faultRate: 1, faults: { unavailable: 1 } });
    sim.script('me', ['ok']);

    expect((await callWoodpecker(sim, '/v1/me')).status).toBe(200);
    expect((await callWoodpecker(sim, '/v1/me')).status).toBe(503);
  });

  it('When configure gets an unknown option or fault kind, then it throws and keeps the old options', () => {
    const before = sim.currentOptions();

    expect(() => sim.configure({ latencyMS: 5 } as never)).toThrow('unknown option(s): latencyMS');
    expect(() => sim.configure({ faults: { explode: 1 } as never })).toThrow('unknown fault kind "explode"');
    expect(() => sim.script('me', ['explode' as never])).toThrow('unknown fault kind');
    expect(sim.currentOptions()).toBe(before);
  });
});
