import { startTestStack, type TestStack } from '../../../testing/stack';
import { until } from '../../../testing/until';

const EXPORT = `mutation($input: AddProspectsInput!) {
  addProspectsToCampaign(input: $input) { total succeeded failed duplicates errors { email code message retryable } }
}`;
/** One prospect per batch: six prospects are six Woodpecker calls, so a test can stop between any two. */
const BATCHES = 6;

interface ExportAnswer {
  data?: { addProspectsToCampaign: { total: number; succeeded: number; failed: number; duplicates: number; errors: unknown[] } } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/**
 * Exports that outlive their callers and resume under their Idempotency-Key, over real HTTP against the
 * simulator, which (like Woodpecker) finishes a request whose client has gone.
 */
function exportScenarios(env: Record<string, string>, scenarios: (stack: () => TestStack, helpers: Helpers) => void): void {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { RATE_LIMIT_EXPORT_PER_MINUTE: '1000', WOODPECKER_BATCH_SIZE: '1', ...env } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sims.woodpecker.resetStats();
    stack.sims.woodpecker.configure({ latencyMs: 0, faultAfterApplyRatio: 0.5 });
  });
  scenarios(() => stack, helpers(() => stack));
}

interface Helpers {
  campaignId(): number;
  emails(tag: string): string[];
  post(tag: string, key?: string, signal?: AbortSignal): Promise<ExportAnswer>;
  addCalls(): number;
  /** How many of the tag's prospects are in the campaign, and whether any is there twice. */
  enrolled(tag: string): { count: number; twice: boolean };
}

function helpers(stack: () => TestStack): Helpers {
  const store = () => stack().sims.woodpecker.store;
  const h: Helpers = {
    campaignId: () => [...store().campaigns()][0]!.id,
    emails: (tag) => Array.from({ length: BATCHES }, (_, i) => `${tag}.${i}@resume.example`),
    async post(tag, key, signal) {
      const input = { campaignId: String(h.campaignId()), prospects: h.emails(tag).map((email) => ({ email })) };
      const res = await fetch(`${stack().baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key && { 'Idempotency-Key': key }) },
        body: JSON.stringify({ query: EXPORT, variables: { input } }),
        signal,
      });
      return (await res.json()) as ExportAnswer;
    },
    addCalls: () => stack().sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0,
    enrolled(tag) {
      const wanted = new Set(h.emails(tag));
      const inCampaign = store()
        .prospectsInCampaign(h.campaignId())
        .filter((p) => wanted.has(p.email));
      return { count: new Set(inCampaign.map((p) => p.email)).size, twice: inCampaign.length !== new Set(inCampaign.map((p) => p.email)).size };
    },
  };
  return h;
}

/** Sends an export and hangs up once `batches` of its prospects are in the campaign. */
async function disconnectAfter(h: Helpers, tag: string, batches: number, key?: string): Promise<void> {
  const client = new AbortController();
  const sent = h.post(tag, key, client.signal).catch((error: unknown) => {
    if (!client.signal.aborted) throw error;
  });
  await until(`${batches} batches of "${tag}" are in the campaign`, () => h.enrolled(tag).count >= batches);
  client.abort();
  await sent;
}

describe('An export whose caller leaves', () => {
  exportScenarios({}, (stack, h) => {
    it('When a caller disconnects after batch 2 of 6, then a retry with the same key ends with 6 added and none twice', async () => {
      stack().sims.woodpecker.configure({ latencyMs: 60 });
      await disconnectAfter(h, 'left', 2, 'resume-left-1');
      const retry = await h.post('left', 'resume-left-1');
      expect(retry.errors).toBeUndefined();
      expect(retry.data?.addProspectsToCampaign).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
      expect(h.enrolled('left')).toEqual({ count: 6, twice: false });
      expect(h.addCalls()).toBe(BATCHES); // the retry waited for the running export: nothing was sent again
    });

    it('When a caller without a key disconnects after batch 2 of 6, then the export still adds all 6', async () => {
      stack().sims.woodpecker.configure({ latencyMs: 60 });
      await disconnectAfter(h, 'keyless', 2);
      await until('the abandoned export has added all 6', () => h.enrolled('keyless').count === BATCHES, 5_000);
      expect(h.enrolled('keyless')).toEqual({ count: 6, twice: false });
      expect(h.addCalls()).toBe(BATCHES);
    });

    it('When the first batch’s answer is lost on every attempt after Woodpecker wrote it, then the retry with the key counts it as succeeded', async () => {
      const sims = stack().sims;
      sims.woodpecker.configure({ faultAfterApplyRatio: 1 });
      const attempts = stack().config.resilience.maxAttempts;
      sims.woodpecker.script('add_prospects_campaign', Array<'reset'>(attempts).fill('reset'));
      const failed = await h.post('lost-first', 'resume-lost-first-1');
      expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
      expect(h.enrolled('lost-first').count).toBe(1); // written, although the caller was told it failed
      const retry = await h.post('lost-first', 'resume-lost-first-1');
      expect(retry.data?.addProspectsToCampaign).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
      expect(h.enrolled('lost-first')).toEqual({ count: 6, twice: false });
    });

    it('When every attempt of the first batch was turned away before reaching Woodpecker, then the retry with the key still counts earlier prospects as duplicates', async () => {
      await h.post('refused'); // another export, without a key, put them there
      const attempts = stack().config.resilience.maxAttempts;
      stack().sims.woodpecker.script('add_prospects_campaign', Array<'too_many_requests'>(attempts).fill('too_many_requests'));
      const refused = await h.post('refused', 'resume-refused-1');
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryable: true });
      const retry = await h.post('refused', 'resume-refused-1');
      expect(retry.data?.addProspectsToCampaign).toMatchObject({ total: 6, succeeded: 0, duplicates: 6 });
    });

    it('When prospects were in the campaign before, then a resumed export still counts them as duplicates', async () => {
      await h.post('before'); // another export, without a key, put them there
      const again = await h.post('before', 'resume-before-1');
      expect(again.data?.addProspectsToCampaign).toMatchObject({ total: 6, succeeded: 0, duplicates: 6 });
    });
  });
});

describe('An export cut short by its own deadline', () => {
  // A budget of 150 ms + 100 ms per batch (750 ms) against 200 ms per Woodpecker call: it ends around batch 4.
  exportScenarios({ DEADLINE_EXPORT_MS: '150', DEADLINE_EXPORT_PER_BATCH_MS: '100' }, (stack, h) => {
    it('When the deadline ends an export at batch 4 of 6, then the partial result is not final: a retry resumes and ends with 6 added, none twice', async () => {
      stack().sims.woodpecker.configure({ latencyMs: 200 });
      const cut = await h.post('deadline', 'resume-deadline-1');
      const partial = cut.data?.addProspectsToCampaign;
      expect(partial?.succeeded).toBeGreaterThan(0);
      expect(partial?.succeeded).toBeLessThan(BATCHES);
      expect(partial?.errors).toContainEqual(expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', retryable: true }));
      // Woodpecker finishes the call the deadline abandoned (the retry queues behind it): the resume re-sends
      // that batch and must count its duplicate as its own write.
      stack().sims.woodpecker.configure({ latencyMs: 0 });
      const retry = await h.post('deadline', 'resume-deadline-1');
      expect(retry.data?.addProspectsToCampaign).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
      expect(h.enrolled('deadline')).toEqual({ count: 6, twice: false });
      const replay = await h.post('deadline', 'resume-deadline-1');
      expect(replay).toEqual(retry);
    });
  });
});

describe('The idempotency store under its key limit', () => {
  exportScenarios({ IDEMPOTENCY_MAX_KEYS: '2' }, (_stack, h) => {
    it('When a third key arrives at a limit of two, then the oldest completed key is forgotten and a repeat of it runs again', async () => {
      const first = await h.post('cap-a', 'cap-a');
      await h.post('cap-b', 'cap-b');
      const beforeReplay = h.addCalls();
      expect((await h.post('cap-b', 'cap-b')).data?.addProspectsToCampaign).toMatchObject({ succeeded: 6 });
      expect(h.addCalls()).toBe(beforeReplay); // under the limit, a repeat replays
      await h.post('cap-c', 'cap-c');
      const calls = h.addCalls();
      const forgotten = await h.post('cap-a', 'cap-a');
      expect(h.addCalls()).toBe(calls + BATCHES); // run again: Woodpecker reports its own earlier writes
      expect(forgotten.data?.addProspectsToCampaign).toMatchObject({ total: 6, succeeded: 0, duplicates: 6 });
      expect(first.data?.addProspectsToCampaign).toMatchObject({ succeeded: 6 });
    });
  });
});
