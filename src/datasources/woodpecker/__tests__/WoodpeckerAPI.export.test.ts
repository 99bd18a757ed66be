import Transport from 'winston-transport';
import { addLogTransport } from '../../../logging/logger';
import type { ExportRun } from '../export/journal';
import type { ProspectInputModel } from '../models';
import type { ExportRequest } from '../WoodpeckerAPI';
import { v1Error, type RecordedRequest, type Reply } from './fake-woodpecker';
import { API_KEY, startHarness, type Harness } from './harness';
import { bffRejection } from '../../../testing/bff-rejection';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.renew());
afterAll(() => h.close());

const ADD = 'POST /v1/add_prospects_campaign';
const NO_DRAIN = new AbortController().signal;

/** An export as the data source runs it, without a journal (no Idempotency-Key), and its result. */
async function exportProspects(request: ExportRequest, run: Partial<ExportRun> = {}) {
  return (await h.api().addProspects(request, { signal: NO_DRAIN, ...run })).result;
}

interface SentBody {
  campaign: { campaign_id: unknown };
  prospects: { email: string }[];
  force: unknown;
}

function sentBodies(): SentBody[] {
  return h.fake.requestsTo(ADD).map((r) => r.body as SentBody);
}

/** Woodpecker accepting every prospect of the batch, echoing them with ids. */
function acceptAll(request: RecordedRequest): Reply {
  const { prospects } = request.body as SentBody;
  const items = prospects.map((p, i) => ({ email: p.email, id: 1000 + i, status: 'OK' }));
  return { json: { prospects: items, status: { status: 'OK' } } };
}

function prospects(count: number, offset = 0): ProspectInputModel[] {
  return Array.from({ length: count }, (_, i) => ({ email: `lead${offset + i}@acme.test` }));
}

describe('addProspects request shape', () => {
  it('posts the campaign id as a number, force, and wire prospects without empty fields or a time zone', async () => {
    h.fake.on(ADD, acceptAll);

    await exportProspects({
      campaignId: '2356837',
      force: true,
      prospects: [
        {
          email: 'jane@acme.test',
          firstName: 'Jane',
          lastName: 'Doe',
          company: 'Acme',
          title: 'CTO',
          linkedinUrl: 'https://linkedin.com/in/jane',
          city: 'Warsaw',
          country: 'Poland',
          timeZone: 'Europe/Warsaw',
          tags: '#VC',
          snippet1: 'Subject',
          snippet2: '<div>Hi Jane</div><div><br></div><div>More</div>',
          snippet3: '',
        },
      ],
    });

    const [request] = h.fake.requestsTo(ADD);
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      campaign: { campaign_id: 2356837 },
      prospects: [
        {
          email: 'jane@acme.test',
          first_name: 'Jane',
          last_name: 'Doe',
          company: 'Acme',
          title: 'CTO',
          linkedin_url: 'https://linkedin.com/in/jane',
          city: 'Warsaw',
          country: 'Poland',
          tags: '#VC',
          snippet1: 'Subject',
          snippet2: '<div>Hi Jane</div><div><br></div><div>More</div>',
        },
      ],
      force: true,
    });
  });

  it('sends 120 prospects as batches of 50, 50 and 20, one after the other, in order', async () => {
    h.fake.on(ADD, acceptAll);

    const result = await exportProspects({ campaignId: '12', force: false, prospects: prospects(120) });

    const bodies = sentBodies();
    expect(bodies.map((b) => b.prospects.length)).toEqual([50, 50, 20]);
    expect(bodies.flatMap((b) => b.prospects.map((p) => p.email))).toEqual(prospects(120).map((p) => p.email));
    expect(bodies.every((b) => b.force === false && b.campaign.campaign_id === 12)).toBe(true);
    expect(result).toEqual({ total: 120, succeeded: 120, duplicates: 0, failed: 0, errors: [] });
  });

  it('sends nothing when every prospect is rejected locally', async () => {
    const result = await exportProspects({ campaignId: '12', force: false, prospects: [{ email: 'nope' }] });

    expect(result).toMatchObject({ total: 1, succeeded: 0, failed: 1 });
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('addProspects per-prospect outcomes', () => {
  it('counts a mixed batch: added, already there, rejected by Woodpecker, rejected locally', async () => {
    h.fake.on(ADD, {
      json: {
        prospects: [
          { email: 'ok@acme.test', id: 1, status: 'OK' },
          { email: 'DUP@acme.test', id: 2, status: 'ERROR', code: 'E_DUPLICATE', msg: 'Prospect already exists' },
          { email: 'blocked@acme.test', status: { status: 'ERROR', code: 'E_INV_STATUS', msg: 'Prospect is BLACKLIST' } },
          { email: 'ghost@acme.test', status: 'ERROR', code: 'E_EMAIL_NOT_EXISTS', msg: 'internal detail' },
          { email: 'odd@acme.test', status: 'ERROR', code: 'E_NEW_THING', msg: 'internal detail' },
        ],
      },
    });

    const result = await exportProspects({
      campaignId: '12',
      force: false,
      prospects: [
        { email: 'ok@acme.test' },
        { email: 'dup@acme.test' },
        { email: 'not-an-email' },
        { email: 'blocked@acme.test' },
        { email: 'OK@acme.test' },
        { email: 'ghost@acme.test' },
        { email: 'odd@acme.test' },
        { email: 'silent@acme.test' },
      ],
    });

    expect(sentBodies()[0]?.prospects.map((p) => p.email)).toEqual([
      'ok@acme.test',
      'dup@acme.test',
      'blocked@acme.test',
      'ghost@acme.test',
      'odd@acme.test',
      'silent@acme.test',
    ]);
    expect(result).toMatchObject({ total: 8, succeeded: 2, duplicates: 1, failed: 5 });
    expect(result.errors.map((e) => [e.email, e.code, e.retryable])).toEqual([
      ['not-an-email', 'INVALID_EMAIL', false],
      ['OK@acme.test', 'DUPLICATE_IN_REQUEST', false],
      ['blocked@acme.test', 'INVALID_STATUS', false],
      ['ghost@acme.test', 'EMAIL_NOT_EXISTS', false],
      ['odd@acme.test', 'REJECTED', false],
    ]);
    expect(result.errors.map((e) => e.message).join(' ')).not.toContain('internal detail');
    expect(result.total).toBe(result.succeeded + result.duplicates + result.failed);
  });

  it('reads a top-level item code beside prospects[] as a processed batch', async () => {
    const items = [{ email: 'a@acme.test', id: 1 }, { email: 'b@acme.test', code: 'E_DUPLICATE' }];
    h.fake.on(ADD, { json: { prospects: items, ...v1Error('E_DUPLICATE') } });

    const batch = [{ email: 'a@acme.test' }, { email: 'b@acme.test' }];
    const result = await exportProspects({ campaignId: '12', force: false, prospects: batch });

    expect(result).toMatchObject({ total: 2, succeeded: 1, duplicates: 1, failed: 0 });
  });
});

describe('addProspects retries and failures', () => {
  const twoProspects = [{ email: 'a@acme.test' }, { email: 'b@acme.test' }];
  const allDuplicates: Reply = {
    json: { prospects: twoProspects.map((p) => ({ email: p.email, status: 'ERROR', code: 'E_DUPLICATE' })) },
  };

  it('duplicates after an attempt that may have been delivered are this export’s own write: succeeded', async () => {
    h.fake.on(ADD, [{ reset: 'mid-body', partial: '{"prospects":[' }, allDuplicates]);

    const result = await exportProspects({ campaignId: '12', force: false, prospects: twoProspects });

    expect(h.fake.requestsTo(ADD)).toHaveLength(2);
    expect(result).toEqual({ total: 2, succeeded: 2, duplicates: 0, failed: 0, errors: [] });
  });

  it('after an attempt that provably never arrived, duplicates are real duplicates', async () => {
    h.fake.on(ADD, [{ status: 409, json: v1Error('E_TOO_MANY_REQUESTS') }, allDuplicates]);

    const result = await exportProspects({ campaignId: '12', force: false, prospects: twoProspects });

    expect(h.fake.requestsTo(ADD)).toHaveLength(2);
    expect(result).toEqual({ total: 2, succeeded: 0, duplicates: 2, failed: 0, errors: [] });
  });

  it('a first batch that keeps failing throws the error, so the client gets its code and retryable', async () => {
    h.fake.on(ADD, { status: 502, text: '<html>Bad Gateway</html>', contentType: 'text/html' });

    const error = await bffRejection(exportProspects({ campaignId: '12', force: false, prospects: prospects(120) }));

    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions.retryable).toBe(true);
    expect(h.fake.requestsTo(ADD)).toHaveLength(h.config.resilience.maxAttempts);
  });

  it('an unknown campaign is NOT_FOUND with the campaign id', async () => {
    h.fake.on(ADD, { status: 400, json: v1Error('E_RECORD_NOT_FOUND', 'Campaign not found') });

    const error = await bffRejection(exportProspects({ campaignId: '999', force: false, prospects: twoProspects }));

    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'Campaign 999 was not found in Woodpecker.']);
    expect(h.fake.requestsTo(ADD)).toHaveLength(1);
  });

  it('a later batch that keeps failing stops the export and reports every unsent prospect', async () => {
    let calls = 0;
    h.fake.on(ADD, (request) => {
      calls += 1;
      return calls === 1 ? acceptAll(request) : { status: 503, text: 'down', contentType: 'text/plain' };
    });

    const result = await exportProspects({
      campaignId: '12',
      force: false,
      prospects: [...prospects(120), { email: 'bad address' }],
    });

    expect(sentBodies().map((b) => b.prospects.length)).toEqual([50, ...Array<number>(h.config.resilience.maxAttempts).fill(50)]);
    expect(result).toMatchObject({ total: 121, succeeded: 50, duplicates: 0, failed: 71 });
    expect(result.errors[0]).toMatchObject({ email: 'bad address', code: 'INVALID_EMAIL' });
    const undelivered = result.errors.slice(1);
    expect(undelivered.map((e) => e.email)).toEqual(prospects(70, 50).map((p) => p.email));
    expect(undelivered.every((e) => e.code === 'UPSTREAM_UNAVAILABLE' && e.retryable)).toBe(true);
    expect(undelivered[0]?.message).toBe('Woodpecker is unavailable right now; try again in a moment.');
  });
});

describe('addProspects logging', () => {
  it('logs one summary line and never a full email address or the key', async () => {
    const lines: Record<string, unknown>[] = [];
    const capture = new (class extends Transport {
      override log(info: Record<string, unknown>, next: () => void): void {
        lines.push(info);
        next();
      }
    })({ level: 'debug' });
    const remove = addLogTransport(capture);
    h.fake.on(ADD, { status: 400, json: v1Error('E_WRONG_PARAM', 'Wrong param [prospects]=jane.doe@acme.test') });

    const jane = { email: 'jane.doe@acme.test' };
    await exportProspects({ campaignId: '12', force: false, prospects: [jane] }).catch(() => undefined);
    h.fake.on(ADD, acceptAll);
    await exportProspects({ campaignId: '12', force: false, prospects: [jane, { email: 'x' }] });
    remove();

    const text = JSON.stringify(lines);
    expect(text).not.toContain('jane.doe@acme.test');
    expect(text).not.toContain(API_KEY);
    expect(lines.filter((l) => l.message === 'prospects exported')).toEqual([
      expect.objectContaining({ campaignId: '12', total: 2, succeeded: 1, failed: 1, duplicates: 0, batches: 1 }),
    ]);
  });
});
