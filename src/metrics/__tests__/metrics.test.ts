import { CampaignsDocument, ContentModelsDocument, GenerateContentDocument } from '../../generated/operations/graphql';
import { scrape, type Scrape } from '../../testing/prometheus-text';
import { startTestStack, type TestStack } from '../../testing/stack';

const lead = { email: 'ana.silva@contoso.example', firstName: 'Ana', company: 'Contoso' };
const MESSAGES = { upstream: 'claude', route: 'POST /v1/messages' };
const MODEL = 'claude-sonnet-4-6';
/** The default list price of MODEL, USD per million tokens. */
const PRICE = { input: 3, output: 15 };

const FAMILIES: Record<string, string> = {
  bff_graphql_request_duration_seconds: 'histogram',
  bff_upstream_attempts_total: 'counter',
  bff_upstream_attempt_duration_seconds: 'histogram',
  bff_upstream_retries_total: 'counter',
  bff_upstream_recovery_total: 'counter',
  bff_upstream_queue_wait_seconds: 'histogram',
  bff_upstream_queue_depth: 'gauge',
  bff_upstream_in_flight: 'gauge',
  bff_upstream_circuit_state: 'gauge',
  bff_upstream_circuit_transitions_total: 'counter',
  bff_rate_limit_rejections_total: 'counter',
  bff_claude_tokens_total: 'counter',
  bff_claude_estimated_cost_usd_total: 'counter',
  bff_process_cpu_user_seconds_total: 'counter',
  bff_nodejs_eventloop_lag_p99_seconds: 'gauge',
};

/** How much each sample moved while `run` ran. */
async function movement(stack: TestStack, run: () => Promise<unknown>): Promise<(name: string, labels?: Record<string, string>) => number> {
  const before = await scrape(stack.baseUrl);
  await run();
  const after: Scrape = await scrape(stack.baseUrl);
  return (name, labels) => after.value(name, labels) - before.value(name, labels);
}

describe('/metrics', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { UPSTREAM_MAX_ATTEMPTS: '3', CIRCUIT_MIN_CALLS: '1000', RATE_LIMIT_GENERATE_PER_MINUTE: '1000', RATE_LIMIT_READ_PER_MINUTE: '5' },
    });
  });
  afterAll(() => stack.close());

  const generate = () => stack.execute(GenerateContentDocument, { input: { lead } });

  it('When scraped, then every family is there with its type, and the scrape-time gauges read the runtimes', async () => {
    const metrics = await scrape(stack.baseUrl);
    for (const [family, type] of Object.entries(FAMILIES)) expect([family, metrics.families.get(family)]).toEqual([family, type]);
    for (const upstream of ['claude', 'woodpecker']) {
      expect(metrics.value('bff_upstream_queue_depth', { upstream })).toBe(0);
      expect(metrics.value('bff_upstream_circuit_state', { upstream, state: 'CLOSED' })).toBe(1);
      expect(metrics.value('bff_upstream_circuit_state', { upstream, state: 'OPEN' })).toBe(0);
    }
  });

  it('When content is generated, then the operation, its attempt, queue wait, tokens and cost are counted', async () => {
    let usage = { inputTokens: 0, outputTokens: 0 };
    const moved = await movement(stack, async () => {
      const result = await generate();
      usage = result.data!.generateContent.usage;
    });
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(moved('bff_graphql_request_duration_seconds_count', { operation: 'generateContent', outcome: 'ok' })).toBe(1);
    expect(moved('bff_upstream_attempts_total', { ...MESSAGES, status_class: '2xx', outcome: 'ok' })).toBe(1);
    expect(moved('bff_upstream_attempt_duration_seconds_count', MESSAGES)).toBe(1);
    expect(moved('bff_upstream_queue_wait_seconds_count', { upstream: 'claude' })).toBe(1);
    expect(moved('bff_upstream_retries_total')).toBe(0);
    expect(moved('bff_upstream_recovery_total')).toBe(0);
    expect(moved('bff_claude_tokens_total', { model: MODEL, direction: 'input' })).toBe(usage.inputTokens);
    expect(moved('bff_claude_tokens_total', { model: MODEL, direction: 'output' })).toBe(usage.outputTokens);
    const cost = (usage.inputTokens * PRICE.input + usage.outputTokens * PRICE.output) / 1_000_000;
    expect(moved('bff_claude_estimated_cost_usd_total', { model: MODEL })).toBeCloseTo(cost, 9);
  });

  it('When a query does not validate, then it is counted as `unknown` with its Apollo code, not under a name it chose', async () => {
    const moved = await movement(stack, () =>
      fetch(`${stack.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Chosen { campaigns { nope } }' }),
      }),
    );
    expect(moved('bff_graphql_request_duration_seconds_count', { operation: 'unknown', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect((await scrape(stack.baseUrl)).labelSets('bff_graphql_request_duration_seconds_count')).not.toContainEqual(
      expect.objectContaining({ operation: 'Chosen' }),
    );
  });

  it('When Claude fails twice transiently and then answers, then the call counts as recovered after 2 retries', async () => {
    stack.sims.claude.script('messages', ['server_error', 'server_error', 'ok']);
    const moved = await movement(stack, async () => expect((await generate()).errors).toBeUndefined());
    expect(moved('bff_upstream_recovery_total', { ...MESSAGES, result: 'recovered' })).toBe(1);
    expect(moved('bff_upstream_recovery_total', { ...MESSAGES, result: 'not_recovered' })).toBe(0);
    expect(moved('bff_upstream_retries_total', MESSAGES)).toBe(2);
    expect(moved('bff_upstream_attempts_total', { ...MESSAGES, status_class: '5xx', outcome: 'server_error' })).toBe(2);
    expect(moved('bff_upstream_attempts_total', { ...MESSAGES, status_class: '2xx' })).toBe(1);
  });

  it('When Claude fails transiently on all 3 attempts, then the call counts as not recovered and the operation by its code', async () => {
    stack.sims.claude.script('messages', ['server_error', 'server_error', 'server_error']);
    const moved = await movement(stack, async () => expect((await generate()).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE'));
    expect(moved('bff_upstream_recovery_total', { ...MESSAGES, result: 'not_recovered' })).toBe(1);
    expect(moved('bff_upstream_recovery_total', { ...MESSAGES, result: 'recovered' })).toBe(0);
    expect(moved('bff_graphql_request_duration_seconds_count', { operation: 'generateContent', outcome: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
  });

  it('When a caller goes over its limit, then the rejection is counted by field and the caller appears nowhere', async () => {
    const greedy = { caller: { id: 'greedy-caller', kind: 'token' as const } };
    const moved = await movement(stack, async () => {
      for (let i = 0; i < 6; i++) await stack.execute(ContentModelsDocument, {}, greedy);
    });
    expect(moved('bff_rate_limit_rejections_total', { field: 'contentModels' })).toBe(1);
    const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(text).not.toContain('greedy-caller');
  });
});

describe('/metrics with a token, and the circuit families', () => {
  const TOKEN = 'metrics-scrape-token-0123456789';
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { METRICS_TOKEN: TOKEN, UPSTREAM_MAX_ATTEMPTS: '1', CIRCUIT_MIN_CALLS: '2', CIRCUIT_OPEN_MS: '60000' },
    });
  });
  afterAll(() => stack.close());

  it('When METRICS_TOKEN is set, then a scrape without it is refused and one with it is served', async () => {
    expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await scrape(stack.baseUrl, TOKEN)).families.size).toBeGreaterThan(10);
  });

  it('When Woodpecker keeps failing until its circuit opens, then the state gauge and the transition counter show it', async () => {
    stack.sims.woodpecker.script('campaign_list', ['server_error', 'server_error']);
    for (let i = 0; i < 2; i++) await stack.execute(CampaignsDocument, { forceRefresh: true });
    const metrics = await scrape(stack.baseUrl, TOKEN);
    expect(metrics.value('bff_upstream_circuit_state', { upstream: 'woodpecker', state: 'OPEN' })).toBe(1);
    expect(metrics.value('bff_upstream_circuit_state', { upstream: 'woodpecker', state: 'CLOSED' })).toBe(0);
    expect(metrics.value('bff_upstream_circuit_transitions_total', { upstream: 'woodpecker', to: 'OPEN' })).toBe(1);
    expect(metrics.value('bff_upstream_circuit_state', { upstream: 'claude', state: 'CLOSED' })).toBe(1);
  });
});
