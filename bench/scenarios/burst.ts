/**
 * Scenario 4 — burst. Open-loop load at 3× the configured upstream quotas for BENCH_BURST_SECONDS (60 s in the full
 * run): Woodpecker reads (one upstream call each, never identical while in flight, so nothing coalesces) and Claude
 * generations, with the simulators enforcing the same quotas the BFF is configured with.
 */
import { gql, openLoop, type OpenLoopRequest, type OpenLoopResponse, once } from '../lib/load';
import { type Bar, consoleTable, type Section, table } from '../lib/report';
import { bffEnv, type SimStats, startBff, startSimProcess } from '../lib/rig';
import { settings } from '../lib/settings';
import { fmt, percentile, sortedCopy } from '../lib/stats';
import { type BudgetSample, budgetSample, budgetUse } from './burst-claude-budget';

const WOODPECKER_RPM = 120;
const CLAUDE = { rpm: 60, inputTpm: 300_000, outputTpm: 150_000, maxTokens: 1024 };
const OVERLOAD = 3;
const CAMPAIGNS = 100;

const CAMPAIGN_QUERY = 'query($id: ID!) { campaign(id: $id) { id name status } }';
const PAGE_QUERY = 'query($page: Int) { prospects(page: $page, perPage: 3) { totalCount items { id email } } }';
const GENERATE = `mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 snippet2 snippet7 model usage { inputTokens outputTokens } } }`;

interface Outcome {
  ok: number;
  busy: number;
  busyWithRetryAfter: number;
  other: Map<string, number>;
  okMs: number[];
  busyMs: number[];
}

function classify(responses: OpenLoopResponse[]): Outcome {
  const outcome: Outcome = { ok: 0, busy: 0, busyWithRetryAfter: 0, other: new Map(), okMs: [], busyMs: [] };
  const other = (key: string) => outcome.other.set(key, (outcome.other.get(key) ?? 0) + 1);
  for (const r of responses) {
    if (r.error || r.status !== 200) {
      other(r.error ? 'socket error' : `HTTP ${r.status}`);
      continue;
    }
    const json = JSON.parse(r.body) as { data?: unknown; errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] };
    const error = json.errors?.[0];
    if (!error && json.data) {
      outcome.ok++;
      outcome.okMs.push(r.ms);
    } else if (error?.extensions?.code === 'UPSTREAM_BUSY') {
      outcome.busy++;
      outcome.busyMs.push(r.ms);
      if (typeof error.extensions.retryAfterSeconds === 'number') outcome.busyWithRetryAfter++;
    } else {
      other(error?.extensions?.code ?? 'no data');
    }
  }
  return outcome;
}

export async function burst(log: (line: string) => void): Promise<Section> {
  const seconds = settings.burstSeconds;
  const sims = await startSimProcess({
    seed: 7,
    latencyMs: 20,
    woodpecker: { requestsPerMinute: WOODPECKER_RPM, campaignCount: CAMPAIGNS },
    claude: {
      latencyMs: 200,
      requestsPerMinute: CLAUDE.rpm,
      inputTokensPerMinute: CLAUDE.inputTpm,
      outputTokensPerMinute: CLAUDE.outputTpm,
    },
  });
  const started: { stop(): Promise<void> }[] = [sims.proc];
  try {
    const bff = await startBff(
      'burst',
      bffEnv(sims, {
        WOODPECKER_REQUESTS_PER_MINUTE: String(WOODPECKER_RPM),
        CLAUDE_REQUESTS_PER_MINUTE: String(CLAUDE.rpm),
        CLAUDE_INPUT_TOKENS_PER_MINUTE: String(CLAUDE.inputTpm),
        CLAUDE_OUTPUT_TOKENS_PER_MINUTE: String(CLAUDE.outputTpm),
        CLAUDE_MAX_TOKENS: String(CLAUDE.maxTokens),
      }),
    );
    started.push(bff);
    const list = await once(bff.url, { method: 'POST', path: '/graphql', body: gql('{ campaigns { id } }') });
    const ids = (JSON.parse(list.body) as { data: { campaigns: { id: string }[] } }).data.campaigns.map((c) => c.id);
    await sims.woodpecker.reset();
    await sims.claude.reset();

    const woodpeckerRate = (OVERLOAD * WOODPECKER_RPM) / 60;
    const claudeRate = (OVERLOAD * CLAUDE.rpm) / 60;
    log(`  ${seconds} s open loop: Woodpecker reads at ${woodpeckerRate}/s (quota ${WOODPECKER_RPM}/min), generations at ${claudeRate}/s (quota ${CLAUDE.rpm}/min)`);
    const woodpeckerLoad = (i: number): OpenLoopRequest => {
      const n = Math.floor(i / 2) % CAMPAIGNS;
      return i % 2 === 0
        ? { kind: 'campaign', method: 'POST', path: '/graphql', body: gql(CAMPAIGN_QUERY, { id: ids[n % ids.length] }) }
        : { kind: 'prospects', method: 'POST', path: '/graphql', body: gql(PAGE_QUERY, { page: n + 1 }) };
    };
    const claudeLoad = (i: number): OpenLoopRequest => ({
      kind: 'generate',
      method: 'POST',
      path: '/graphql',
      body: gql(GENERATE, {
        input: { lead: { email: `lead${i}@burst.example.com`, firstName: 'Ada', company: `Company ${i}`, title: 'CTO' } },
      }),
    });
    const t0 = performance.now();
    // The simulator's counters at the middle and the end of the offered window, not when the last answer is in.
    const sampleAt = (s: number) =>
      new Promise<BudgetSample>((resolve, reject) =>
        setTimeout(() => sims.claude.stats<SimStats>().then(budgetSample).then(resolve, reject), s * 1000),
      );
    const claudeOffered = Math.round(claudeRate * seconds);
    const [woodpeckerResponses, claudeResponses, half, end] = await Promise.all([
      openLoop(bff.url, woodpeckerRate, Math.round(woodpeckerRate * seconds), woodpeckerLoad),
      openLoop(bff.url, claudeRate, claudeOffered, claudeLoad),
      sampleAt(seconds / 2),
      sampleAt(seconds),
    ]);
    const budget = budgetUse(CLAUDE, { seconds, offered: claudeOffered, half, end });
    const elapsed = (performance.now() - t0) / 1000;
    const wp = await sims.woodpecker.stats();
    const cl = await sims.claude.stats();
    const wo = classify(woodpeckerResponses);
    const co = classify(claudeResponses);

    // Both sides' buckets start full: up to quota × (1 + minutes) may pass while answers are still coming in.
    const minutes = elapsed / 60;
    const header = ['upstream', 'offered', 'quota', 'upstream requests (max allowed)', 'quotaViolations', 'upstream 429s', 'maxConcurrentPerKey', 'dropped'];
    const rows = [
      [
        'Woodpecker',
        `${fmt.int(woodpeckerResponses.length)} (${woodpeckerRate}/s)`,
        `${WOODPECKER_RPM}/min, one at a time`,
        `${wp.requests} (${Math.floor(WOODPECKER_RPM * (1 + minutes))})`,
        String(wp.quotaViolations),
        String(wp.rateLimited),
        String(wp.maxConcurrentPerKey ?? '–'),
        String(wp.dropped ?? '–'),
      ],
      [
        'Claude',
        `${fmt.int(claudeResponses.length)} (${claudeRate}/s)`,
        `${CLAUDE.rpm} req, ${CLAUDE.inputTpm} in, ${CLAUDE.outputTpm} out tok/min`,
        `${cl.requests} (${Math.floor(CLAUDE.rpm * (1 + minutes))})`,
        String(cl.quotaViolations),
        String(cl.rateLimited),
        '–',
        '–',
      ],
    ];
    const outcomeHeader = ['load', 'ok', 'UPSTREAM_BUSY (with retryAfterSeconds)', 'other', 'ok p50 ms', 'ok p95 ms', 'ok max ms', 'busy p50 ms'];
    const outcomeRow = (name: string, o: Outcome) => {
      const ok = sortedCopy(o.okMs);
      return [
        name,
        String(o.ok),
        `${o.busy} (${o.busyWithRetryAfter})`,
        o.other.size === 0 ? '0' : [...o.other].map(([k, v]) => `${k}: ${v}`).join(', '),
        fmt.ms(percentile(ok, 50), 1),
        fmt.ms(percentile(ok, 95), 1),
        fmt.ms(ok[ok.length - 1] ?? Number.NaN, 1),
        fmt.ms(percentile(sortedCopy(o.busyMs), 50), 1),
      ];
    };
    const outcomeRows = [outcomeRow('Woodpecker reads', wo), outcomeRow('Claude generations', co)];
    log('');
    log(consoleTable(header, rows));
    log('');
    log(consoleTable(outcomeHeader, outcomeRows));
    log(`  (all answers in after ${elapsed.toFixed(1)} s)`);
    log('');
    log(consoleTable(budget.header, budget.rows));
    log(`  binding limit: ${budget.binding}`);

    const violations = wp.quotaViolations + cl.quotaViolations;
    const bars: Bar[] = [
      {
        bar: `3× the upstream quota for ${seconds} s, 1 instance: 0 quota violations seen by the upstreams`,
        measured: `Woodpecker ${wp.quotaViolations}, Claude ${cl.quotaViolations}`,
        holds: violations === 0,
      },
      {
        bar: 'Woodpecker never sees 2 concurrent requests (maxConcurrentPerKey = 1, dropped = 0)',
        measured: `maxConcurrentPerKey ${wp.maxConcurrentPerKey}, dropped ${wp.dropped}`,
        holds: wp.maxConcurrentPerKey === 1 && wp.dropped === 0,
      },
      {
        bar: `≥ 95% of Claude's request budget used in the ${seconds} s window (the request limit binding), with 0 violations`,
        measured: `${fmt.pct(budget.requestShare)} (second half, refill only: ${fmt.pct(budget.sustainedRequestShare)}); binding: ${budget.binding}; violations ${cl.quotaViolations}`,
        holds: budget.binding === 'requests' && budget.requestShare >= 0.95 && cl.quotaViolations === 0,
      },
    ];
    const unexplained = [...wo.other.values(), ...co.other.values()].reduce((a, b) => a + b, 0);
    const markdown = [
      `Open loop (requests sent on schedule whatever the answers do), ${seconds} s${seconds < 60 ? ' (**shortened run**; the full run uses 60 s)' : ''}, at ${OVERLOAD}× each quota:`,
      `Woodpecker reads (\`campaign(id)\` and \`prospects(page)\` alternating, ${CAMPAIGNS} distinct of each, 1 upstream call apiece) and Claude`,
      '`generateContent` (1 call apiece). Simulators: the same quotas, latency 20 ms (Woodpecker) / 200 ms (Claude), Woodpecker one',
      `request at a time per key with its queue of 6. BFF: production queue settings (UPSTREAM_QUEUE_MAX=100, 30 s max wait, read deadline 10 s),`,
      `\`WOODPECKER_REQUESTS_PER_MINUTE=${WOODPECKER_RPM}\`, \`CLAUDE_REQUESTS_PER_MINUTE=${CLAUDE.rpm}\`, input/output tokens ${CLAUDE.inputTpm}/${CLAUDE.outputTpm} per minute,`,
      `\`CLAUDE_MAX_TOKENS=${CLAUDE.maxTokens}\`; per-client limits raised. Both sides' buckets start full, so up to quota × (1 + minutes) requests`,
      `may pass until the last answer is in (${elapsed.toFixed(0)} s: "max allowed").`,
      '',
      table(header, rows),
      '',
      'Client-visible outcomes; latency of ok answers includes their queue wait:',
      '',
      table(outcomeHeader, outcomeRows),
      '',
      `Claude's budget as the simulator counted it during the ${seconds} s the load was offered (its buckets refill continuously and`,
      `start full, so a limit L allows L × (1 + ${seconds}/60) in the window; at 3× load the full bucket is spent after 30 s, so the`,
      'second half shows the sustained share against the refill alone). Requests allowed are capped at those offered. The token',
      'budgets are set several times what the requests use, so that the request limit is the one under test (the last column:',
      "the requests a minute each limit would let through at the tokens per request seen; the smallest binds).",
      '',
      table(budget.header, budget.rows),
      '',
      unexplained === 0 ? 'Every answer was ok or UPSTREAM_BUSY.' : `**${unexplained} answers were neither ok nor UPSTREAM_BUSY** (see "other").`,
      'Only one BFF instance is measured: several instances share quotas through Redis (REDIS_URL), which this rig does not run.',
    ].join('\n');
    return { id: 'burst', title: `4. Burst: ${OVERLOAD}× the upstream quotas`, markdown, bars };
  } finally {
    for (const p of started.reverse()) await p.stop();
  }
}
