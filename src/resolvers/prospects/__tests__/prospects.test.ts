import { DuplicateEmailsDocument, ProspectsDocument } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

describe('Query.prospects / Query.duplicateEmails', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ simulators: { woodpecker: { campaignCount: 12, prospectCount: 400 } } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const store = () => stack.sims.woodpecker.store;
  const calls = () => stack.sims.woodpecker.stats.requests;

  it('When a page of 100 prospects with their campaigns is read cold, then Woodpecker gets at most 2 calls', async () => {
    const result = await stack.execute(ProspectsDocument, { page: 1, perPage: 100 });
    expect(result.errors).toBeUndefined();
    const page = result.data!.prospects;
    expect(page.items).toHaveLength(100);
    expect(page.totalCount).toBe([...store().prospects()].length);
    expect(page.hasNextPage).toBe(true);
    const withCampaigns = page.items.filter((p) => p.campaigns.length > 0);
    expect(withCampaigns.length).toBeGreaterThan(0);
    for (const item of withCampaigns) {
      const expected = store().enrolmentsOf(Number(item.id)).map((e) => String(e.campaignId)).sort();
      expect(item.campaigns.map((c) => c.id).sort()).toEqual(expected);
    }
    expect(calls()).toBeLessThanOrEqual(2);
  });

  it('When the same page is read warm, then only the prospects call is made', async () => {
    await stack.execute(ProspectsDocument, { page: 2, perPage: 100 });
    stack.sims.woodpecker.resetStats();
    await stack.execute(ProspectsDocument, { page: 2, perPage: 100 });
    expect(calls()).toBe(1);
  });

  it('When the filter matches nothing (Woodpecker answers 204 with no body), then the page is empty', async () => {
    const result = await stack.execute(ProspectsDocument, { filter: { email: 'nobody-here@nowhere.example' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.prospects).toEqual({ __typename: 'ProspectPage', items: [], totalCount: 0, page: 1, perPage: 100, hasNextPage: false });
    expect(stack.sims.woodpecker.stats.responsesByStatus['204']).toBe(1);
  });

  it('When filtering by campaign and paging past the end, then the last page says there is no next page', async () => {
    const campaign = [...store().campaigns()].find((c) => store().prospectsInCampaign(c.id).length > 3)!;
    const size = store().prospectsInCampaign(campaign.id).length;
    const perPage = 2;
    const lastPage = Math.ceil(size / perPage);
    const result = await stack.execute(ProspectsDocument, { filter: { campaignId: String(campaign.id) }, page: lastPage, perPage });
    expect(result.data?.prospects).toMatchObject({ totalCount: size, page: lastPage, hasNextPage: false });
    expect(result.data?.prospects.items.length).toBe(size - (lastPage - 1) * perPage);
    const beyond = await stack.execute(ProspectsDocument, { filter: { campaignId: String(campaign.id) }, page: lastPage + 1, perPage });
    expect(beyond.data?.prospects.items).toEqual([]);
  });

  it('When perPage is outside 1–1000, then BAD_USER_INPUT names it and nothing is sent', async () => {
    const result = await stack.execute(ProspectsDocument, { perPage: 5000 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['perPage'] });
    expect(calls()).toBe(0);
  });

  it('When checking duplicates, then emails already in the campaign come back case-insensitively in the given spelling', async () => {
    const campaign = [...store().campaigns()].find((c) => store().prospectsInCampaign(c.id).length > 2)!;
    const [a, b] = store().prospectsInCampaign(campaign.id);
    const emails = [a!.email.toUpperCase(), 'fresh.lead@newco.example', b!.email];
    const result = await stack.execute(DuplicateEmailsDocument, { campaignId: String(campaign.id), emails });
    expect(result.errors).toBeUndefined();
    expect(result.data?.duplicateEmails).toEqual([a!.email.toUpperCase(), b!.email]);
  });

  it('When an email in the duplicate check is invalid, then BAD_USER_INPUT lists it and nothing is sent', async () => {
    const result = await stack.execute(DuplicateEmailsDocument, { campaignId: '1', emails: ['ok@corp.example', 'invalid-email'] });
    expect(result.errors?.[0]?.message).toContain('"invalid-email"');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['emails[1]'] });
    expect(calls()).toBe(0);
  });

  it('When the campaign of a duplicate check does not exist, then NOT_FOUND', async () => {
    const result = await stack.execute(DuplicateEmailsDocument, { campaignId: '424242', emails: ['ok@corp.example'] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', retryable: false });
  });
});
