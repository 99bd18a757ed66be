import { bffRejection } from '../../../testing/bff-rejection';
import { v1Error } from './fake-woodpecker';
import { startHarness, type Harness } from './harness';
import { wireCampaign, wireProspect } from './wire-fixtures';

/**
 * Woodpecker's codes and statuses are looked up in tables; text that names an Object.prototype member must
 * find nothing there, not a function (`V1_CODES['constructor']` used to throw deep in the runtime).
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.renew());
afterAll(() => h.close());

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('Woodpecker text that names an Object.prototype member', () => {
  it.each(PROTOTYPE_NAMES)(
    'When Woodpecker answers a v1 error with code "%s", then it is an unknown refusal: one call, a BffError, no crash',
    async (code) => {
      h.fake.on('GET /v1/campaign_list', { status: 400, json: v1Error(code) });

      const error = await bffRejection(h.api().listCampaigns());

      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(h.fake.requestsTo('GET /v1/campaign_list')).toHaveLength(1);
    },
  );

  it.each(PROTOTYPE_NAMES)('When a prospect or campaign has the status "%s", then it is an unknown status', async (status) => {
    h.fake.on('GET /v1/campaign_list', { json: [wireCampaign(1, { status }), wireCampaign(2)] });
    h.fake.on('GET /v1/prospects', { json: [wireProspect(10, 'ann@acme.test', [], { status })] });

    expect((await h.api().listCampaigns()).map((c) => c.id)).toEqual(['2']);
    const page = await h.api().listProspects({}, 1, 10);
    expect(page.items.map((p) => [p.id, p.status])).toEqual([['10', undefined]]);
  });

  it.each(PROTOTYPE_NAMES)('When a batch item carries the code "%s", then it counts as a rejection or an addition, never a crash', async (code) => {
    h.fake.on('POST /v1/add_prospects_campaign', {
      json: { prospects: [{ email: 'a@acme.test', status: 'ERROR', code }, { email: 'b@acme.test', code }], status: { status: 'OK' } },
    });

    const request = { campaignId: '12', force: false, prospects: [{ email: 'a@acme.test' }, { email: 'b@acme.test' }] };
    const { result } = await h.api().addProspects(request, { signal: new AbortController().signal });

    expect(result).toMatchObject({ total: 2, failed: 1, succeeded: 1, duplicates: 0 });
  });
});
