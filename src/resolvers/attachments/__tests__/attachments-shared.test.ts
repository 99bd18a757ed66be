import { TestClock } from '../../../datasources/shared/__tests__/support/test-clock';
import { DeleteAttachmentDocument, GenerateContentDocument } from '../../../generated/operations/graphql';
import { PNG_BYTES, uploadFile } from '../../../testing/attachment-fixtures';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../../testing/redis-suite';
import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';

const TOKEN = 'tok-web-2b4d6f8a1c3e5a7b';
const web = { caller: { id: 'web', kind: 'token' as const } };
const lead = { email: 'noor.aziz@tailspin.example', firstName: 'Noor', company: 'Tailspin' };

async function readyOrTimeout(stack: TestStack, timeoutMs = 5_000): Promise<void> {
  await until('the instance reports Redis reachable', async () => (await fetch(`${stack.baseUrl}/readyz`)).status === 200, timeoutMs);
}

describeWithRedis('attachments across instances (real Redis)', () => {
  const stacks: TestStack[] = [];
  const clock = new TestClock();
  beforeAll(async () => {
    const env = {
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: uniquePrefix('attachments-instances'),
      AUTH_MODE: 'token',
      AUTH_TOKENS: `web:${TOKEN}`,
      ATTACHMENT_TTL_SECONDS: '600',
      ATTACHMENT_SWEEP_INTERVAL_MS: '60000',
      RATE_LIMIT_UPLOADS_PER_MINUTE: '1000',
    };
    stacks.push(await startTestStack({ env, attachmentClock: clock }));
    stacks.push(await startTestStack({ env, attachmentClock: clock, sharedSimulators: stacks[0]!.sims }));
    for (const stack of stacks) await readyOrTimeout(stack);
  });
  afterAll(async () => {
    await stacks[1]?.close();
    await stacks[0]?.close();
  });

  const upload = async (stack: TestStack) => {
    const answer = await uploadFile(stack.baseUrl, { bytes: PNG_BYTES, name: 'logo.png', type: 'image/png' }, { authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(201);
    return String(answer.body.id);
  };

  it('When a file is uploaded on one instance, then the other resolves it for a generation and deletes it', async () => {
    const [first, second] = stacks as [TestStack, TestStack];
    const id = await upload(first);
    expect((await second.execute(GenerateContentDocument, { input: { lead, attachmentIds: [id] } }, web)).errors).toBeUndefined();
    expect((await second.execute(DeleteAttachmentDocument, { id }, web)).data?.deleteAttachment).toBe(true);
    expect((await first.execute(DeleteAttachmentDocument, { id }, web)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('When both instances sweep the same expired attachments at once, then each file is deleted exactly once', async () => {
    const sim = stacks[0]!.sims.claude;
    for (let i = 0; i < 6; i++) await upload(stacks[i % 2]!);
    sim.resetStats();
    await clock.advance(600_000);
    // A sweep reschedules itself after its Redis round trips, which may land after the clock moved on: keep the
    // clock moving an interval at a time until the sweeps that follow have deleted everything.
    await until('every expired file is deleted', async () => {
      if (sim.stats.filesDeleted === 6) return true;
      await clock.advance(60_000);
      return false;
    });
    // A second deletion of a file would have been answered 404.
    expect(sim.stats.byRoute.files).toBe(6);
    expect(sim.stats.responsesByStatus['404']).toBeUndefined();
    expect(sim.stats.filesStored).toBe(0);
  });
});
