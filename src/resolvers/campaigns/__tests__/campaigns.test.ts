import { CampaignDocument, CampaignsDocument } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

describe('Query.campaigns / Query.campaign', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const upstreamCalls = () => stack.sims.woodpecker.stats.byRoute.campaign_list ?? 0;

  it('When campaigns are listed twice, then both answers match and Woodpecker is asked once (shared cache)', async () => {
    const first = await stack.execute(CampaignsDocument, { forceRefresh: true });
    const second = await stack.execute(CampaignsDocument, {});
    expect(first.errors).toBeUndefined();
    expect(first.data?.campaigns.length).toBe([...stack.sims.woodpecker.store.campaigns()].length);
    expect(second.data).toEqual(first.data);
    expect(upstreamCalls()).toBe(1);
    const created = first.data!.campaigns.map((c) => c.createdAt ?? '');
    expect(created).toEqual([...created].sort().reverse());
  });

  it('When a status filter is given, then only those campaigns come back, from the cache', async () => {
    await stack.execute(CampaignsDocument, {});
    const running = await stack.execute(CampaignsDocument, { status: ['RUNNING', 'PAUSED'] });
    const expected = [...stack.sims.woodpecker.store.campaigns()].filter((c) => ['RUNNING', 'PAUSED'].includes(c.status));
    expect(running.data?.campaigns.map((c) => c.id).sort()).toEqual(expected.map((c) => String(c.id)).sort());
    expect(running.data?.campaigns.every((c) => c.status === 'RUNNING' || c.status === 'PAUSED')).toBe(true);
  });

  // After the window it reads again: shown with a driven clock in the data-source and cache tests.
  it('When forceRefresh comes within 5 s of a load, then it is served by that load instead of reading Woodpecker again', async () => {
    await stack.execute(CampaignsDocument, { forceRefresh: true });
    stack.sims.woodpecker.resetStats();
    const refreshed = await stack.execute(CampaignsDocument, { forceRefresh: true });
    expect(refreshed.errors).toBeUndefined();
    expect(upstreamCalls()).toBe(0);
  });

  it('When one campaign is requested, then it comes with its statistics', async () => {
    const record = [...stack.sims.woodpecker.store.campaigns()][0]!;
    const result = await stack.execute(CampaignDocument, { id: String(record.id) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaign).toMatchObject({ id: String(record.id), name: record.name, status: record.status });
    expect(result.data?.campaign?.stats?.prospects).toEqual(expect.any(Number));
    expect(result.data?.campaign?.stats?.sent).toBeGreaterThanOrEqual(0);
  });

  it('When the campaign does not exist, then the answer is null, not an error', async () => {
    const result = await stack.execute(CampaignDocument, { id: '999999999' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.campaign).toBeNull();
  });

  it('When the id is not a positive integer, then BAD_USER_INPUT names it and Woodpecker is not called', async () => {
    const result = await stack.execute(CampaignDocument, { id: '12abc' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false, fields: ['id'] });
    expect(upstreamCalls()).toBe(0);
  });
});
