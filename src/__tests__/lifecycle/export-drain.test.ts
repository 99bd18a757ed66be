import { configureLogger } from '../../logging/logger';
import { startSimulators, type Simulators } from '../../simulators';
import { startBff, type BffProcess, type GraphQLAnswer } from '../../testing/bff-process';
import { describeWithRedis, redisTestUrl, uniquePrefix } from '../../testing/redis-suite';
import { until } from '../../testing/until';
import { EXPORT, simulatedUpstreamsEnv } from '../scale-out/cluster';

/** One prospect per batch: six prospects are six Woodpecker calls, each as slow as a test needs. */
const BATCHES = 6;

interface ExportCounts {
  total: number;
  succeeded: number;
  failed: number;
  duplicates: number;
  errors: { email: string; code: string }[];
}

const countsOf = (answer: GraphQLAnswer) => answer.data?.addProspectsToCampaign as ExportCounts | undefined;

/**
 * Real BFF processes draining on SIGTERM (or killed) while an export runs, against the simulator, which
 * (like Woodpecker) finishes a request whose client has gone.
 */
describe('A BFF process that stops while an export runs', () => {
  let sims: Simulators;
  const running: BffProcess[] = [];
  beforeAll(async () => {
    configureLogger({ level: 'error', format: 'json', silent: true });
    sims = await startSimulators({ seed: 7, latencyMs: 0 });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((bff) => bff.stop()));
    sims.woodpecker.configure({ latencyMs: 0 });
  });
  afterAll(() => sims.close());

  const campaignId = () => [...sims.woodpecker.store.campaigns()][0]!.id;
  const emails = (tag: string) => Array.from({ length: BATCHES }, (_, i) => `${tag}.${i}@drain.example`);
  const addCalls = () => sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0;
  const enrolled = (tag: string) => {
    const wanted = new Set(emails(tag));
    const found = sims.woodpecker.store.prospectsInCampaign(campaignId()).filter((p) => wanted.has(p.email));
    return { count: new Set(found.map((p) => p.email)).size, twice: found.length !== new Set(found.map((p) => p.email)).size };
  };
  const exportTo = (bff: BffProcess, tag: string, key: string) =>
    bff.graphql(EXPORT, { input: { campaignId: String(campaignId()), prospects: emails(tag).map((email) => ({ email })) } }, { 'Idempotency-Key': key });

  async function start(env: Record<string, string>): Promise<BffProcess> {
    const bff = await startBff({
      ...simulatedUpstreamsEnv(sims),
      WOODPECKER_BATCH_SIZE: '1',
      // Slow Woodpecker answers must not look like timeouts.
      WOODPECKER_ATTEMPT_TIMEOUT_MS: '5000',
      ...env,
    });
    running.push(bff);
    return bff;
  }

  it('When SIGTERM comes at the start of a 12-second export, then /readyz fails at once, the export completes within SHUTDOWN_GRACE_MS and the process exits 0', async () => {
    const bff = await start({ SHUTDOWN_GRACE_MS: '20000' });
    sims.woodpecker.resetStats();
    sims.woodpecker.configure({ latencyMs: 2_000 });
    const answer = exportTo(bff, 'sigterm', 'drain-sigterm-1');
    await until('the first batch reached Woodpecker', () => addCalls() >= 1);
    const exited = bff.stop({ killAfterMs: 30_000 });
    await until('/readyz answers 503', async () => (await fetch(`${bff.url}/readyz`).catch(() => undefined))?.status === 503, 2_000);
    const { reason } = (await (await fetch(`${bff.url}/readyz`)).json()) as { reason?: string };
    expect(reason).toBe('shutting down');
    expect(countsOf(await answer)).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(enrolled('sigterm')).toEqual({ count: 6, twice: false });
  }, 60_000);

  describeWithRedis('with instances sharing Redis', () => {
    const shared = () => ({ REDIS_URL: redisTestUrl, REDIS_PREFIX: uniquePrefix('drain') });

    it('When the grace ends mid-export, then it stops between batches, releases its key, the process exits 0, and a retry on another instance ends with 6 added and none twice', async () => {
      const env = shared();
      const [draining, other] = await Promise.all([start({ ...env, SHUTDOWN_GRACE_MS: '1500' }), start(env)]);
      sims.woodpecker.resetStats();
      sims.woodpecker.configure({ latencyMs: 400 });
      const first = exportTo(draining, 'cut', 'drain-cut-1');
      await until('the first batch reached Woodpecker', () => addCalls() >= 1);
      expect(await draining.stop({ killAfterMs: 15_000 })).toEqual({ code: 0, signal: null });
      const partial = countsOf(await first);
      expect(partial?.succeeded).toBeLessThan(BATCHES);
      expect(partial?.errors).toContainEqual(expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE' }));
      sims.woodpecker.configure({ latencyMs: 0 });
      const retry = await exportTo(other, 'cut', 'drain-cut-1');
      expect(countsOf(retry)).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
      expect(enrolled('cut')).toEqual({ count: 6, twice: false });
    }, 60_000);

    it('When the instance running an export is killed after batch 2 of 6, then a retry on another instance resumes it: 6 added, none twice, none counted as duplicates', async () => {
      // The killed instance's Woodpecker lease lapses after the attempt timeout + 5 s: kept short here.
      const env = { ...shared(), IDEMPOTENCY_CLAIM_TTL_MS: '1500', WOODPECKER_ATTEMPT_TIMEOUT_MS: '1000' };
      const [doomed, other] = await Promise.all([start(env), start(env)]);
      sims.woodpecker.configure({ latencyMs: 300 });
      const first = exportTo(doomed, 'crash', 'drain-crash-1').catch(() => undefined);
      await until('2 batches are in the campaign', () => enrolled('crash').count >= 2);
      await doomed.crash();
      await first;
      const retry = await exportTo(other, 'crash', 'drain-crash-1');
      expect(countsOf(retry)).toEqual({ total: 6, succeeded: 6, failed: 0, duplicates: 0, errors: [] });
      expect(enrolled('crash')).toEqual({ count: 6, twice: false });
    }, 60_000);
  });
});
