import { configureLogger } from '../../../logging/logger';
import {
  parseCampaignList,
  parseProspectList,
  toCampaignStats,
  toIsoTimestamp,
  toProspectStatus,
  toWireProspect,
  toWireProspectStatus,
} from '../mapping';
import { WIRE_STATS, wireCampaign, wireProspect } from './wire-fixtures';

beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));

describe('toIsoTimestamp', () => {
  it.each([
    ['2016-08-14T02:08:58+0200', '2016-08-14T00:08:58.000Z'],
    ['2025-04-01T00:01:01-0000', '2025-04-01T00:01:01.000Z'],
    ['2024-01-31T23:30:00+05:30', '2024-01-31T18:00:00.000Z'],
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000Z'],
    ['2025-03-05 17:57:00', '2025-03-05T17:57:00.000Z'],
  ])('%s → %s', (wire, iso) => {
    expect(toIsoTimestamp(wire)).toBe(iso);
  });

  it.each([[''], [null], [undefined], ['0000-00-00 00:00:00'], ['yesterday'], [1710000000]])('%p → undefined', (wire) => {
    expect(toIsoTimestamp(wire)).toBeUndefined();
  });
});

describe('parseCampaignList', () => {
  it('maps every documented field of a list item', () => {
    expect(parseCampaignList([wireCampaign(12, { created: '2016-08-14T02:08:58+0200' })])).toEqual([
      {
        id: '12',
        name: 'Campaign 12',
        status: 'RUNNING',
        createdAt: '2016-08-14T00:08:58.000Z',
        fromName: 'Ann Sender',
        fromEmail: 'ann@sender.test',
        folderName: 'Outbound',
        perDay: 50,
        stats: undefined,
      },
    ]);
  });

  it('reads an object keyed by id as well as an array, taking the id from the key when the item has none', () => {
    const keyed = { '12': wireCampaign(12), '13': { ...wireCampaign(13), id: undefined } };

    expect(parseCampaignList(keyed).map((c) => c.id)).toEqual(['12', '13']);
  });

  it('is lenient: numeric strings, nulls and empty strings', () => {
    const [campaign] = parseCampaignList([
      { id: '14', name: '', status: 'paused', created: null, from_name: '', from_email: null, folder_name: ' ', per_day: '25' },
    ]);

    expect(campaign).toEqual({
      id: '14',
      name: 'Campaign 14',
      status: 'PAUSED',
      createdAt: undefined,
      fromName: undefined,
      fromEmail: undefined,
      folderName: undefined,
      perDay: 25,
      stats: undefined,
    });
  });

  it('drops campaigns with statuses outside the enum (DELETED) and items without an id', () => {
    const wire = [wireCampaign(1, { status: 'DELETED' }), wireCampaign(2), { name: 'no id', status: 'RUNNING' }, 'junk'];

    expect(parseCampaignList(wire).map((c) => c.id)).toEqual(['2']);
  });

  it('anything that is not a list reads as no campaigns', () => {
    expect(parseCampaignList(undefined)).toEqual([]);
    expect(parseCampaignList('[]')).toEqual([]);
  });

  it('maps the single-campaign stats object, missing numbers as 0', () => {
    const [detailed] = parseCampaignList([wireCampaign(5, { stats: WIRE_STATS })]);

    expect(detailed?.stats).toEqual({
      prospects: 130,
      sent: 125,
      delivered: 120,
      opened: 70,
      clicked: 11,
      replied: 9,
      autoReplied: 4,
      bounced: 5,
      invalid: 6,
      interested: 3,
      notInterested: 1,
      maybeLater: 2,
      optedOut: 7,
      queued: 10,
    });
    expect(toCampaignStats({ sent: '4', opened: null })).toMatchObject({ sent: 4, opened: 0, prospects: 0, queued: 0 });
  });
});

describe('parseProspectList', () => {
  it('maps every field of a prospect, with its campaign ids from campaigns_details', () => {
    expect(parseProspectList([wireProspect(101, 'Jane@Acme.test', [12, 13, 12])])).toEqual([
      {
        id: '101',
        email: 'Jane@Acme.test',
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme',
        title: 'CTO',
        industry: 'Software',
        website: 'https://acme.test',
        linkedinUrl: 'https://linkedin.com/in/jane',
        phone: '+48 123',
        city: 'Warsaw',
        state: undefined,
        country: 'Poland',
        tags: '#VC #SECONDARYEMAIL',
        status: 'ACTIVE',
        lastContactedAt: '2024-03-01T07:00:00.000Z',
        lastRepliedAt: undefined,
        updatedAt: '2024-03-02T07:00:00.000Z',
        campaignIds: ['12', '13'],
      },
    ]);
  });

  it('accepts the documented "last replied" spelling', () => {
    const wire = { ...wireProspect(1, 'a@b.co'), last_replied: undefined, 'last replied': '2024-03-03T10:00:00+0000' };
    const [prospect] = parseProspectList([wire]);

    expect(prospect?.lastRepliedAt).toBe('2024-03-03T10:00:00.000Z');
  });

  it('drops items without an id or email; a non-array (204) is an empty list', () => {
    expect(parseProspectList([{ email: 'a@b.co' }, { id: 3 }, wireProspect(4, 'c@d.co')]).map((p) => p.id)).toEqual(['4']);
    expect(parseProspectList(undefined)).toEqual([]);
  });
});

describe('prospect statuses', () => {
  it.each([
    ['ACTIVE', 'ACTIVE'],
    ['TO-CHECK', 'TO_CHECK'],
    ['TO-REVIEW', 'TO_REVIEW'],
    ['blacklist', 'BLACKLIST'],
    ['RESPONDED', 'REPLIED'],
    ['PAUSED', undefined],
    ['', undefined],
    [null, undefined],
  ])('%p → %p', (wire, status) => {
    expect(toProspectStatus(wire)).toBe(status);
  });

  it('are sent back in Woodpecker spelling', () => {
    expect(toWireProspectStatus('TO_CHECK')).toBe('TO-CHECK');
    expect(toWireProspectStatus('BOUNCED')).toBe('BOUNCED');
  });
});

describe('toWireProspect', () => {
  it('renames to wire fields, omits empty ones and never sends a time zone', () => {
    const wire = toWireProspect({
      email: ' jane@acme.test ',
      firstName: 'Jane',
      lastName: '',
      company: 'Acme',
      title: 'CTO',
      industry: 'Software',
      website: 'https://acme.test',
      linkedinUrl: 'https://linkedin.com/in/jane',
      phone: '  ',
      city: 'Warsaw',
      state: undefined,
      country: 'Poland',
      timeZone: 'Europe/Warsaw',
      tags: '#VC',
      snippet1: 'Subject',
      snippet2: '<div>Hi</div>',
      snippet7: '<div>Bye</div>',
    });

    expect(wire).toEqual({
      email: 'jane@acme.test',
      first_name: 'Jane',
      company: 'Acme',
      title: 'CTO',
      industry: 'Software',
      website: 'https://acme.test',
      linkedin_url: 'https://linkedin.com/in/jane',
      city: 'Warsaw',
      country: 'Poland',
      tags: '#VC',
      snippet1: 'Subject',
      snippet2: '<div>Hi</div>',
      snippet7: '<div>Bye</div>',
    });
  });
});
