/**
 * Scenario 5 — faults at size: 20% injected transient faults on both simulators, a seeded mix of
 * reads, generations and exports of 1–120 prospects at concurrency 20, for a bounded number of operations. The
 * simulators run in this process so every export can be checked against Woodpecker's store afterwards.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { startSimulators } from '../../src/simulators';
import { mulberry32 } from '../../src/simulators/shared/rng';
import { gql } from '../lib/load';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, startBff } from '../lib/rig';
import { settings } from '../lib/settings';
import { fmt, median, percentile, sortedCopy, sum } from '../lib/stats';

const CONCURRENCY = 20;
const FAULT_RATE = 0.2;
const SLOW_MS = 2_000;
/** Fast retry settings for the run (production: 500 ms base, 8 s max, 20 s / 45 s attempt timeouts). */
const FAST = {
  RETRY_BASE_DELAY_MS: '10',
  RETRY_MAX_DELAY_MS: '200',
  UPSTREAM_MAX_ATTEMPTS: '4',
  WOODPECKER_ATTEMPT_TIMEOUT_MS: '500',
  CLAUDE_ATTEMPT_TIMEOUT_MS: '1000',
};

type Kind = 'campaigns' | 'campaigns-refresh' | 'prospects' | 'campaign' | 'generate' | 'export';

interface Op {
  index: number;
  kind: Kind;
  requestId: string;
  body: string;
  exportTo?: { campaignId: string; emails: string[] };
}

interface Done {
  op: Op;
  ok: boolean;
  code?: string;
  ms: number;
  exportResult?: { total: number; succeeded: number; failed: number; duplicates: number; errors: { email: string; code: string }[] };
}

const QUERIES = {
  campaigns: '{ campaigns { id name status } }',
  refresh: '{ campaigns(forceRefresh: true) { id name status } }',
  prospects: 'query($page: Int) { prospects(page: $page, perPage: 50) { totalCount items { id email campaigns { id name } } } }',
  campaign: 'query($id: ID!) { campaign(id: $id) { id name stats { prospects sent } } }',
  generate: 'mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 snippet7 usage { inputTokens outputTokens } } }',
  export:
    'mutation($input: AddProspectsInput!) { addProspectsToCampaign(input: $input) { total succeeded failed duplicates errors { email code } } }',
};

function plan(count: number, campaignIds: string[]): Op[] {
  const random = mulberry32(20_260_101); // seeded: the operation mix is the same every run
  const ops: Op[] = [];
  for (let index = 0; index < count; index++) {
    const r = random();
    const requestId = `bench-fault-op-${String(index).padStart(6, '0')}`;
    const campaignId = campaignIds[Math.floor(random() * campaignIds.length)]!;
    if (r < 0.1) ops.push({ index, kind: 'campaigns', requestId, body: gql(QUERIES.campaigns) });
    else if (r < 0.2) ops.push({ index, kind: 'campaigns-refresh', requestId, body: gql(QUERIES.refresh) });
    else if (r < 0.35) ops.push({ index, kind: 'prospects', requestId, body: gql(QUERIES.prospects, { page: 1 + Math.floor(random() * 6) }) });
    else if (r < 0.4) ops.push({ index, kind: 'campaign', requestId, body: gql(QUERIES.campaign, { id: campaignId }) });
    else if (r < 0.7) {
      const lead = { email: `lead${index}@faults.example.com`, firstName: 'Grace', company: `Co ${index}`, title: 'VP Sales' };
      ops.push({ index, kind: 'generate', requestId, body: gql(QUERIES.generate, { input: { lead } }) });
    } else {
      const size = 1 + Math.floor(random() * 120);
      const emails = Array.from({ length: size }, (_, i) => `p${index}-${i}@export${index % 17}.example.com`);
      const input = { campaignId, prospects: emails.map((email, i) => ({ email, firstName: `P${i}`, company: 'Bench' })) };
      ops.push({ index, kind: 'export', requestId, body: gql(QUERIES.export, { input }), exportTo: { campaignId, emails } });
    }
  }
  return ops;
}

async function run(op: Op, origin: string, dispatcher: Agent): Promise<Done> {
  const started = performance.now();
  try {
    const response = await request(`${origin}/graphql`, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': op.requestId },
      body: op.body,
    });
    const text = await response.body.text();
    const ms = performance.now() - started;
    if (response.statusCode !== 200) return { op, ok: false, code: `HTTP ${response.statusCode}`, ms };
    const json = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
    if (json.errors?.length || !json.data) return { op, ok: false, code: json.errors?.[0]?.extensions?.code ?? 'no data', ms };
    if (op.kind === 'export') {
      const result = json.data.addProspectsToCampaign as NonNullable<Done['exportResult']>;
      // An export with failed prospects did not fully succeed (a later batch gave up after retries).
      return { op, ok: result.failed === 0, code: result.failed === 0 ? undefined : 'PARTIAL_EXPORT', ms, exportResult: result };
    }
    return { op, ok: true, ms };
  } catch (error) {
    return { op, ok: false, code: `socket: ${String(error)}`, ms: performance.now() - started };
  }
}

interface AccessLine {
  requestId: string;
  upstreamCalls: number;
  retries: number;
  queueWaitMs: number;
}

function accessLines(logFile: string): Map<string, AccessLine> {
  const byId = new Map<string, AccessLine>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"graphql operation"')) continue;
    try {
      const entry = JSON.parse(line) as AccessLine;
      byId.set(entry.requestId, entry);
    } catch {
      // not JSON
    }
  }
  return byId;
}

export async function faults(log: (line: string) => void): Promise<Section> {
  const count = settings.faultOperations;
  const sims = await startSimulators({
    seed: 7,
    latencyMs: 2,
    faultRate: FAULT_RATE,
    woodpecker: { slowMs: SLOW_MS },
    claude: {
      slowMs: SLOW_MS,
      requestsPerMinute: 1_000_000,
      inputTokensPerMinute: 1_000_000_000,
      outputTokensPerMinute: 1_000_000_000,
      faultRetryAfterMs: 100,
      sendRetryAfterMs: true,
    },
  });
  const endpoints = { claudeUrl: sims.claude.url, woodpeckerUrl: sims.woodpecker.url, claudeKey: sims.claude.apiKey, woodpeckerKey: sims.woodpecker.apiKey };
  const bff = await startBff(
    'faults',
    bffEnv(endpoints, {
      ...FAST,
      WOODPECKER_REQUESTS_PER_MINUTE: '0',
      CLAUDE_REQUESTS_PER_MINUTE: '1000000',
      CLAUDE_INPUT_TOKENS_PER_MINUTE: '1000000000',
      CLAUDE_OUTPUT_TOKENS_PER_MINUTE: '1000000000',
    }),
  );
  const dispatcher = new Agent({ connections: CONCURRENCY, headersTimeout: 0, bodyTimeout: 0 });
  try {
    // The campaign ids come from the store directly: asking the BFF would already roll the fault dice.
    const campaignIds = [...sims.woodpecker.store.campaigns()].map((c) => String(c.id));
    const ops = plan(count, campaignIds);
    sims.woodpecker.resetStats();
    sims.claude.resetStats();
    log(`  ${count} operations, concurrency ${CONCURRENCY}, ${FAULT_RATE * 100}% faults on both simulators`);
    const done: Done[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ops.length) {
          const op = ops[next++]!;
          done.push(await run(op, bff.url, dispatcher));
          if (done.length % 500 === 0) log(`    ${done.length}/${ops.length} done`);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const wp = sims.woodpecker.stats;
    const cl = sims.claude.stats;

    // Exports against Woodpecker's store: every email counted as added must be enrolled, nothing counted twice.
    const store = sims.woodpecker.store;
    let lost = 0;
    let countedTwice = 0;
    let reportedFailedButApplied = 0;
    let appliedByFailedOps = 0;
    let exportedProspects = 0;
    for (const d of done.filter((x) => x.op.exportTo)) {
      const { campaignId, emails } = d.op.exportTo!;
      const enrolled = new Set(
        emails.filter((email) => {
          const prospect = store.prospectByEmail(email);
          return prospect !== undefined && store.isEnrolled(Number(campaignId), prospect.id);
        }),
      );
      const r = d.exportResult;
      if (!r) {
        appliedByFailedOps += enrolled.size;
        continue;
      }
      exportedProspects += r.succeeded;
      const failedEmails = new Set(r.errors.map((e) => e.email));
      if (r.total !== emails.length || r.succeeded + r.duplicates + r.failed !== r.total) countedTwice += 1;
      // Fresh addresses: a duplicate means our own earlier (re-)send was counted again.
      countedTwice += r.duplicates;
      const shouldBeIn = emails.filter((e) => !failedEmails.has(e));
      lost += shouldBeIn.filter((e) => !enrolled.has(e)).length;
      reportedFailedButApplied += [...failedEmails].filter((e) => enrolled.has(e)).length;
    }

    const access = accessLines(bff.proc.logFile);
    const perOp = done.map((d) => access.get(d.op.requestId)).filter((a): a is AccessLine => a !== undefined);
    const okMs = sortedCopy(done.filter((d) => d.ok).map((d) => d.ms));
    const waits = sortedCopy(perOp.map((a) => a.queueWaitMs ?? 0));
    const okCount = done.filter((d) => d.ok).length;
    const failures = new Map<string, number>();
    for (const d of done.filter((x) => !x.ok)) failures.set(`${d.op.kind}: ${d.code}`, (failures.get(`${d.op.kind}: ${d.code}`) ?? 0) + 1);

    const kinds: Kind[] = ['campaigns', 'campaigns-refresh', 'prospects', 'campaign', 'generate', 'export'];
    const header = ['operation', 'count', 'succeeded', 'p50 ms', 'p95 ms', 'p99 ms', 'upstream attempts/op', 'retries/op', 'queue wait p50/p95 ms'];
    const rowFor = (label: string, subset: Done[]) => {
      const lines = subset.map((d) => access.get(d.op.requestId)).filter((a): a is AccessLine => a !== undefined);
      const ms = sortedCopy(subset.filter((d) => d.ok).map((d) => d.ms));
      const w = sortedCopy(lines.map((a) => a.queueWaitMs ?? 0));
      return [
        label,
        String(subset.length),
        `${subset.filter((d) => d.ok).length} (${fmt.pct(subset.filter((d) => d.ok).length / subset.length, 2)})`,
        fmt.ms(percentile(ms, 50), 1),
        fmt.ms(percentile(ms, 95), 1),
        fmt.ms(percentile(ms, 99), 1),
        fmt.ms(sum(lines.map((a) => a.upstreamCalls ?? 0)) / Math.max(1, lines.length), 2),
        fmt.ms(sum(lines.map((a) => a.retries ?? 0)) / Math.max(1, lines.length), 2),
        `${fmt.ms(percentile(w, 50), 0)} / ${fmt.ms(percentile(w, 95), 0)}`,
      ];
    };
    const rows = [...kinds.map((k) => rowFor(k, done.filter((d) => d.op.kind === k))), rowFor('**all**', done)];
    const recovery = okCount / done.length;
    log('');
    log(consoleTable(header, rows));
    log(`  recovery ${fmt.pct(recovery, 2)}; lost ${lost}; counted twice ${countedTwice}; failed-but-applied ${reportedFailedButApplied}; elapsed ${elapsed.toFixed(1)} s`);
    if (failures.size > 0) log(`  failures: ${[...failures].map(([k, v]) => `${k} ×${v}`).join(', ')}`);

    const faultsTable = table(
      ['simulator', 'requests', 'faults injected', 'by kind', 'quotaViolations', 'maxConcurrentPerKey'],
      [
        ['Woodpecker', String(wp.requests), String(sum(Object.values(wp.faultsInjected))), JSON.stringify(wp.faultsInjected), String(wp.quotaViolations), String(wp.maxConcurrentPerKey)],
        ['Claude', String(cl.requests), String(sum(Object.values(cl.faultsInjected))), JSON.stringify(cl.faultsInjected), String(cl.quotaViolations), '–'],
      ],
    );
    const bars: Bar[] = [
      {
        bar: `20% transient upstream faults: ≥ 99% of operations succeed (${count} ops, c=${CONCURRENCY})`,
        measured: `${fmt.pct(recovery, 2)} (${okCount}/${done.length})`,
        holds: recovery >= 0.99,
      },
      {
        bar: '20% transient upstream faults: no prospect lost or counted twice',
        measured: `lost ${lost}, counted twice ${countedTwice}`,
        holds: lost === 0 && countedTwice === 0,
      },
    ];
    const markdown = [
      `${count} operations from a seeded mix (10% \`campaigns\`, 10% \`campaigns(forceRefresh: true)\`, 15% \`prospects\` pages with campaigns,`,
      `5% \`campaign(id)\` with stats, 30% \`generateContent\`, 30% exports of 1–120 fresh prospects), ${CONCURRENCY} at a time, against both`,
      `simulators injecting ${FAULT_RATE * 100}% transient faults (their default mixes: Woodpecker E_TOO_MANY_REQUESTS/500/503/reset/slow,`,
      `Claude 429/500/529/503/reset/slow; slow = ${SLOW_MS} ms; write faults strike before or after applying, 50/50), latency 2 ms.`,
      `Fast retry settings for the run: ${Object.entries(FAST).map(([k, v]) => `${k}=${v}`).join(', ')}; Claude faults advertise`,
      'retry-after-ms 100. Everything else production (Woodpecker one at a time, circuit 50% / 10 calls / 30 s).',
      'An export succeeds when its result has `failed = 0`. Attempts, retries and queue waits come from the BFF\'s access log lines.',
      '',
      table(header, rows),
      '',
      faultsTable,
      '',
      `Recovery **${fmt.pct(recovery, 2)}** (${okCount}/${done.length}) in ${elapsed.toFixed(1)} s. ${exportedProspects} prospects reported added;`,
      `checked against the simulator's store: lost ${lost}, counted twice ${countedTwice}. Reported failed (retryable) although Woodpecker`,
      `applied them: ${reportedFailedButApplied} — a batch whose every attempt failed after a fault that struck after the write; the BFF`,
      'cannot know, reports the batch failed and retryable, and a retry reports those prospects as duplicates (never added twice).',
      `prospects applied by operations that answered with an error (the client was told to retry): ${appliedByFailedOps}.`,
      failures.size > 0 ? `Failures: ${[...failures].map(([k, v]) => `${k} ×${v}`).join(', ')}.` : 'No operation failed.',
      `Median ok latency ${fmt.ms(median([...okMs]), 1)} ms; queue wait p50/p95 over all operations ${fmt.ms(percentile(waits, 50), 0)}/${fmt.ms(percentile(waits, 95), 0)} ms.`,
    ].join('\n');
    return { id: 'faults', title: '5. Faults: 20% transient upstream faults at size', markdown, bars };
  } finally {
    await dispatcher.close();
    await bff.stop();
    await sims.close();
  }
}
