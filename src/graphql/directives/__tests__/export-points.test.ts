import type { Caller } from '../../../auth/caller';
import { AddProspectsToCampaignDocument, type ProspectInput } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';

const PROSPECTS_PER_MINUTE = 100;
const EXPORTS_PER_MINUTE = 2;

/** What an export costs a caller: one of its exports per minute and one prospect point per prospect. */
describe('the export limits (@rateLimit calls, @prospectRateLimit prospects)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        RATE_LIMIT_EXPORT_PER_MINUTE: String(EXPORTS_PER_MINUTE),
        RATE_LIMIT_EXPORT_PROSPECTS_PER_MINUTE: String(PROSPECTS_PER_MINUTE),
      },
    });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.sims.woodpecker.resetStats());

  const campaignId = () => String([...stack.sims.woodpecker.store.campaigns()][0]!.id);
  const fresh = (n: number, tag: string): ProspectInput[] => Array.from({ length: n }, (_, i) => ({ email: `${tag}.${i}@points.example` }));
  const exportAs = (caller: Caller, prospects: ProspectInput[], idempotencyKey?: string) =>
    stack.execute(AddProspectsToCampaignDocument, { input: { campaignId: campaignId(), prospects, idempotencyKey } }, { caller });
  const code = (answer: Awaited<ReturnType<typeof exportAs>>) => answer.errors?.[0]?.extensions?.code ?? 'ok';

  it('When one export holds more prospects than the per-minute prospect limit, then BAD_USER_INPUT names the limit and nothing is written', async () => {
    const answer = await exportAs({ id: 'olga', kind: 'token' }, fresh(PROSPECTS_PER_MINUTE + 50, 'oversized'));
    expect(answer.errors?.[0]).toMatchObject({
      message: `This export has ${PROSPECTS_PER_MINUTE + 50} prospects, more than the ${PROSPECTS_PER_MINUTE} you may export per minute; split it into exports of at most ${PROSPECTS_PER_MINUTE}.`,
      extensions: { code: 'BAD_USER_INPUT', retryable: false, fields: ['input.prospects'] },
    });
    expect(stack.sims.woodpecker.stats.requests).toBe(0);
  });

  it('When an export holds exactly the per-minute prospect limit, then it is admitted and uses the whole minute', async () => {
    const pia: Caller = { id: 'pia', kind: 'token' };
    expect(code(await exportAs(pia, fresh(PROSPECTS_PER_MINUTE, 'exact')))).toBe('ok');
    expect(code(await exportAs(pia, fresh(1, 'exact-next')))).toBe('RATE_LIMITED');
  });

  it('When an export is repeated with its Idempotency-Key, then the replays cost neither an export nor prospect points', async () => {
    const quinn: Caller = { id: 'quinn', kind: 'token' };
    const prospects = fresh(60, 'replayed');
    const first = await exportAs(quinn, prospects, 'replay-free-1');
    expect(first.data?.addProspectsToCampaign).toMatchObject({ total: 60, succeeded: 60 });
    const replays = [];
    for (let i = 0; i < 3; i++) replays.push(await exportAs(quinn, prospects, 'replay-free-1'));
    expect(replays).toEqual([first, first, first]);
    expect(stack.sims.woodpecker.stats.byRoute.add_prospects_campaign).toBe(2); // 60 prospects: batches of 50 and 10, once
    // The second export of the minute and 40 prospect points are still there; then the limits bite.
    expect(code(await exportAs(quinn, fresh(40, 'after-replays'), 'replay-free-2'))).toBe('ok');
    expect(code(await exportAs(quinn, fresh(1, 'over'), 'replay-free-3'))).toBe('RATE_LIMITED');
  });
});
