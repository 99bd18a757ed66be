import { type Simulators, startSimulators } from '../index';
import { addProspects } from './helpers';

describe('startSimulators and the /__sim control routes', () => {
  let sims: Simulators;

  beforeAll(async () => {
    sims = await startSimulators({ seed: 11, latencyMs: 0, claude: { apiKey: 'custom-claude-key' } });
  });
  afterAll(() => sims.close());

  const control = (origin: string, path: string, body?: unknown) =>
    fetch(`${origin}/__sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });

  it('When both start, then Claude is at an origin, Woodpecker at /rest, and shared knobs reached both', () => {
    expect(sims.claude.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sims.woodpecker.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest$/);
    expect(sims.claude.apiKey).toBe('custom-claude-key');
    expect(sims.woodpecker.apiKey).toBe('sim-woodpecker-key');
    expect(sims.claude.currentOptions().seed).toBe(11);
    expect(sims.woodpecker.currentOptions().seed).toBe(11);
  });

  it('When stats are read over HTTP, then they are the live counters, and control calls are not counted', async () => {
    await fetch(`${sims.woodpecker.url}/v1/me`, { headers: { 'x-api-key': sims.woodpecker.apiKey } });

    const stats = (await (await control(sims.woodpecker.controlUrl, 'stats')).json()) as Record<string, unknown>;

    expect(stats).toEqual(JSON.parse(JSON.stringify(sims.woodpecker.stats)));
    expect(stats.byRoute).toEqual({ me: 1 });
  });

  it('When configured over HTTP, then the knob changes; an unknown knob is a 400 naming it', async () => {
    const ok = await control(sims.woodpecker.controlUrl, 'configure', { maxQueue: 2 });
    const bad = await control(sims.woodpecker.controlUrl, 'configure', { maxQeue: 2 });

    expect(ok.status).toBe(200);
    expect(sims.woodpecker.currentOptions().maxQueue).toBe(2);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'unknown option(s): maxQeue' });
  });

  it('When a script is posted, then the next request gets it', async () => {
    await control(sims.claude.controlUrl, 'script', { route: 'models', outcomes: ['overloaded'] });

    const response = await fetch(`${sims.claude.url}/v1/models`, {
      headers: { 'x-api-key': sims.claude.apiKey, 'anthropic-version': '2023-06-01' },
    });

    expect(response.status).toBe(529);
  });

  it('When reset is posted with data:true, then counters are zero and the seeded data is back', async () => {
    const campaignId = [...sims.woodpecker.store.campaigns()][0]!.id;
    await addProspects(sims.woodpecker, { campaign: { campaign_id: campaignId }, prospects: [{ email: 'temp@example.com' }] });
    expect(sims.woodpecker.store.prospectByEmail('temp@example.com')).toBeDefined();

    const response = await control(sims.woodpecker.controlUrl, 'reset', { data: true });

    expect(response.status).toBe(200);
    expect(sims.woodpecker.stats.requests).toBe(0);
    expect(sims.woodpecker.store.prospectByEmail('temp@example.com')).toBeUndefined();
  });
});
