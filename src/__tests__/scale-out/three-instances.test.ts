import { describeWithRedis } from '../../testing/redis-suite';
import { codes, EXPORT, GENERATE, lead, PROSPECTS, startCluster, type Client, type Cluster } from './cluster';

/** Claude's quota in both the BFFs and the simulator: 6 requests per 2 s window (a minute, scaled down). */
const CLAUDE_QUOTA = 6;
const WINDOW_MS = 2_000;
const WOODPECKER_ATTEMPT_TIMEOUT_MS = 1_000;
/** A live holder renews its lease every third of this; a crashed holder's slot frees itself this long after its last renewal. */
const LEASE_TTL_MS = 6_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three real BFF processes, one Redis, the simulators. One cluster for every scenario (starting three
 * processes is the expensive part), so the scenarios run in this order and the crash comes last.
 */
describeWithRedis('3 BFF instances sharing state through Redis', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      env: {
        CLAUDE_REQUESTS_PER_MINUTE: String(CLAUDE_QUOTA),
        UPSTREAM_QUOTA_WINDOW_MS: String(WINDOW_MS),
        RATE_LIMIT_GENERATE_PER_MINUTE: '5',
        WOODPECKER_ATTEMPT_TIMEOUT_MS: String(WOODPECKER_ATTEMPT_TIMEOUT_MS),
        UPSTREAM_LEASE_TTL_MS: String(LEASE_TTL_MS),
        // Long enough to outwait a dead holder's lease (the crash scenario).
        UPSTREAM_QUEUE_MAX_WAIT_MS: '15000',
        DEADLINE_READ_MS: '15000',
      },
      simulators: {
        claude: { requestsPerMinute: CLAUDE_QUOTA, quotaWindowMs: WINDOW_MS, inputTokensPerMinute: 1e9, outputTokensPerMinute: 1e9, latencyMs: 20 },
        woodpecker: { latencyMs: 30, slowMs: 3_000 },
      },
    });
  }, 60_000);
  afterAll(() => cluster?.close());
  beforeEach(() => {
    cluster.sims.claude.resetStats();
    cluster.sims.woodpecker.resetStats();
  });

  const writes = () => cluster.sims.woodpecker.stats.byRoute.add_prospects_campaign ?? 0;
  const campaignId = () => String([...cluster.sims.woodpecker.store.campaigns()][0]!.id);
  const exportInput = (tag: string) => ({
    campaignId: campaignId(),
    prospects: [1, 2, 3].map((i) => ({ ...lead(i), email: `${tag}.${lead(i).email}` })),
  });

  // First, on a full Claude budget: the 5 admitted calls must not wait on the shared quota.
  it('When one client sends 15 generateContent calls round robin across the instances, then exactly 5 succeed and 10 are RATE_LIMITED', async () => {
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => cluster.send(i, 'solo', GENERATE, { input: { lead: lead(i) } })));
    const limited = answers.filter((a) => codes(a).includes('RATE_LIMITED'));
    expect(answers.filter((a) => a.data?.generateContent)).toHaveLength(5);
    expect(limited).toHaveLength(10);
    for (const answer of limited) expect(answer.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
  });

  it('When a burst at 3x the quota is spread over the instances, then no upstream ever sees its limits exceeded', async () => {
    await sleep(WINDOW_MS); // the quota refills after the previous scenario
    const clients: Client[] = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const generations = Array.from({ length: 3 * CLAUDE_QUOTA }, (_, i) =>
      cluster.send(i, clients[i % clients.length]!, GENERATE, { input: { lead: lead(100 + i) } }),
    );
    // Woodpecker takes one request at a time per key: 18 distinct reads at once would be 3 in flight without a shared slot.
    const reads = Array.from({ length: 18 }, (_, i) => cluster.send(i, clients[i % clients.length]!, PROSPECTS, { page: i + 1 }));
    const answers = await Promise.all([...generations, ...reads]);

    expect(cluster.sims.claude.stats.quotaViolations).toBe(0);
    expect(cluster.sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
    expect(cluster.sims.woodpecker.stats.dropped).toBe(0);
    // Every client got an answer: data, or UPSTREAM_BUSY with a retry hint; nothing else, no timeout.
    for (const answer of answers) {
      if (answer.data && !answer.errors) continue;
      expect(codes(answer)).toEqual(['UPSTREAM_BUSY']);
      expect(answer.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
    }
    // The quota was really used: at least the first window's worth went through.
    expect(answers.slice(0, 3 * CLAUDE_QUOTA).filter((a) => a.data?.generateContent).length).toBeGreaterThanOrEqual(CLAUDE_QUOTA);
    expect(answers.slice(3 * CLAUDE_QUOTA).every((a) => a.data?.prospects)).toBe(true);
  });

  it('When one Idempotency-Key reaches two instances at once, then Woodpecker is written once and both get the same result', async () => {
    cluster.sims.woodpecker.configure({ latencyMs: 300 }); // the repeat arrives while the first is being written
    const input = exportInput('concurrent');
    const headers = { 'Idempotency-Key': 'scale-out-concurrent-1' };
    const [a, b] = await Promise.all([cluster.send(0, 'c1', EXPORT, { input }, headers), cluster.send(1, 'c1', EXPORT, { input }, headers)]).finally(
      () => cluster.sims.woodpecker.configure({ latencyMs: 30 }),
    );
    expect(a.data).toEqual({ addProspectsToCampaign: { total: 3, succeeded: 3, failed: 0, duplicates: 0, errors: [] } });
    expect(b).toEqual(a);
    expect(writes()).toBe(1);
  });

  it('When one Idempotency-Key reaches two instances one after the other, then the second replays the first', async () => {
    const input = exportInput('sequential');
    const headers = { 'Idempotency-Key': 'scale-out-sequential-1' };
    const first = await cluster.send(1, 'c1', EXPORT, { input }, headers);
    const second = await cluster.send(2, 'c1', EXPORT, { input }, headers);
    expect(first.data).toMatchObject({ addProspectsToCampaign: { succeeded: 3 } });
    expect(second).toEqual(first);
    expect(writes()).toBe(1);

    const reused = await cluster.send(0, 'c1', EXPORT, { input: exportInput('different') }, headers);
    expect(codes(reused)).toEqual(['BAD_USER_INPUT']);
    expect(writes()).toBe(1);
  });

  // Last: it kills instance 0.
  it('When the instance holding the Woodpecker slot is SIGKILLed mid-export, then the others wait no longer than the lease', async () => {
    const { sims, instances } = cluster;
    sims.woodpecker.script('add_prospects_campaign', ['slow']); // the export hangs at Woodpecker
    const doomed = cluster.send(0, 'c1', EXPORT, { input: exportInput('doomed') }).catch(() => 'killed');
    const holdingSince = Date.now();
    for (let i = 0; i < 200 && writes() === 0; i++) await sleep(10);
    expect(writes()).toBe(1); // it holds the slot: its request is at Woodpecker
    await instances[0]!.crash();
    const killedAt = Date.now();

    const reads = await Promise.all([cluster.send(1, 'c2', PROSPECTS, { page: 1 }), cluster.send(2, 'c3', PROSPECTS, { page: 2 })]);
    const waitedMs = Date.now() - killedAt;
    expect(await doomed).toBe('killed');
    for (const read of reads) expect(read.data?.prospects).toBeDefined();
    // Blocked until the dead holder's lease expired (so the slot really was held), and not much longer.
    expect(waitedMs).toBeGreaterThan(LEASE_TTL_MS - (killedAt - holdingSince) - 1_000);
    expect(waitedMs).toBeLessThan(LEASE_TTL_MS + 1_500);
    expect(sims.woodpecker.stats.maxConcurrentPerKey).toBe(1);
  });
});
