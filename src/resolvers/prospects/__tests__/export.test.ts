import { AddProspectsToCampaignDocument, type ProspectInput } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

describe('Mutation.addProspectsToCampaign', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_EXPORT_PER_MINUTE: '1000', RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: '100000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const store = () => stack.sims.woodpecker.store;
  const campaignWithProspects = () => [...store().campaigns()].find((c) => store().prospectsInCampaign(c.id).length > 0)!;
  const exportCalls = () => stack.sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0;
  const fresh = (n: number, tag: string): ProspectInput[] =>
    Array.from({ length: n }, (_, i) => ({ email: `${tag}.${i}@fresh-${tag}.example`, firstName: `First${i}`, company: 'Newco' }));

  it('When a mixed batch is exported, then added, duplicate and rejected prospects are counted exactly', async () => {
    const campaign = campaignWithProspects();
    const already = store().prospectsInCampaign(campaign.id)[0]!;
    const blacklisted = [...store().prospects()].find((p) => p.status === 'BLACKLIST' && !store().isEnrolled(campaign.id, p.id))!;
    const prospects: ProspectInput[] = [
      { email: 'new.person@mixed.example', firstName: 'New', snippet1: 'Quick idea', snippet2: '<p>Hello</p><script>alert(1)</script>' },
      { email: already.email.toUpperCase() },
      { email: 'not-an-email' },
      { email: blacklisted.email },
      { email: 'new.person@MIXED.example' },
    ];
    const result = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: String(campaign.id), prospects } });
    expect(result.errors).toBeUndefined();
    const outcome = result.data!.addProspectsToCampaign;
    expect(outcome).toMatchObject({ total: 5, succeeded: 1, duplicates: 1, failed: 3 });
    expect(outcome.errors.map((e) => [e.email, e.code, e.retryable])).toEqual(
      expect.arrayContaining([
        ['not-an-email', 'INVALID_EMAIL', false],
        [blacklisted.email, 'INVALID_STATUS', false],
        ['new.person@MIXED.example', 'DUPLICATE_IN_REQUEST', false],
      ]),
    );
    const added = store().prospectByEmail('new.person@mixed.example')!;
    expect(store().isEnrolled(campaign.id, added.id)).toBe(true);
    expect(added.snippet2).not.toContain('<script');
    expect(added.snippet2).toContain('<div>');
    expect(store().isEnrolled(campaign.id, blacklisted.id)).toBe(false);
  });

  it('When force is set, then a prospect that is not ACTIVE is enrolled too', async () => {
    const campaign = campaignWithProspects();
    const bounced = [...store().prospects()].find((p) => p.status !== 'ACTIVE' && !store().isEnrolled(campaign.id, p.id))!;
    const result = await stack.execute(AddProspectsToCampaignDocument, {
      input: { campaignId: String(campaign.id), prospects: [{ email: bounced.email }], force: true },
    });
    expect(result.data?.addProspectsToCampaign).toMatchObject({ total: 1, succeeded: 1, failed: 0, duplicates: 0 });
    expect(store().isEnrolled(campaign.id, bounced.id)).toBe(true);
  });

  it('When 120 prospects are exported, then they go in batches of 50, 50 and 20, one at a time', async () => {
    const campaign = campaignWithProspects();
    const result = await stack.execute(AddProspectsToCampaignDocument, {
      input: { campaignId: String(campaign.id), prospects: fresh(120, 'batch') },
    });
    expect(result.data?.addProspectsToCampaign).toMatchObject({ total: 120, succeeded: 120, failed: 0, duplicates: 0 });
    expect(exportCalls()).toBe(3);
    expect(stack.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });

  it('When the same export is sent again, then everything counts as a duplicate and nothing is added twice', async () => {
    const campaign = campaignWithProspects();
    const prospects = fresh(7, 'again');
    await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: String(campaign.id), prospects } });
    const before = store().prospectsInCampaign(campaign.id).length;
    const again = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: String(campaign.id), prospects } });
    expect(again.data?.addProspectsToCampaign).toMatchObject({ total: 7, succeeded: 0, duplicates: 7, failed: 0 });
    expect(store().prospectsInCampaign(campaign.id).length).toBe(before);
  });

  it('When the response of a batch is lost after Woodpecker applied it, then the retry counts those prospects as added', async () => {
    const campaign = campaignWithProspects();
    stack.sims.woodpecker.configure({ faultAfterApplyRatio: 1 });
    stack.sims.woodpecker.script('add_prospects_campaign', ['reset', 'ok']);
    try {
      const result = await stack.execute(AddProspectsToCampaignDocument, {
        input: { campaignId: String(campaign.id), prospects: fresh(5, 'lost') },
      });
      expect(result.data?.addProspectsToCampaign).toMatchObject({ total: 5, succeeded: 5, duplicates: 0, failed: 0 });
      expect(exportCalls()).toBe(2);
      expect(stack.sims.woodpecker.stats.faultsAfterApply).toBe(1);
    } finally {
      stack.sims.woodpecker.configure({ faultAfterApplyRatio: 0.5 });
    }
  });

  it('When the campaign does not exist, then NOT_FOUND and nothing is written', async () => {
    const result = await stack.execute(AddProspectsToCampaignDocument, {
      input: { campaignId: '987654', prospects: fresh(2, 'ghost') },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', retryable: false });
    expect(store().prospectByEmail('ghost.0@fresh-ghost.example')).toBeUndefined();
  });

  it('When the input is structurally wrong, then BAD_USER_INPUT names the fields and Woodpecker is not called', async () => {
    const empty = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: '1', prospects: [] } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.prospects'] });
    const badId = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: '-1', prospects: fresh(1, 'x') } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.campaignId'] });
    const tooMany = await stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: '1', prospects: fresh(1001, 'many') } });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.prospects'] });
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });
});
