import { APIError } from '@anthropic-ai/sdk';
import { loadConfig, type Config } from '../../../config';
import { configureLogger } from '../../../logging/logger';
import { FAST_TEST_ENV } from '../../../testing/test-env';
import { MemoryUsageStore } from '../../../usage/memory-usage-store';
import { UsageAccounting, type MeteredClaudeCall } from '../../../usage/usage-accounting';
import { createClaudeUpstream } from '../../shared/presets';
import { ClaudeAPI, createClaudeShared } from '../ClaudeAPI';
import { classifyClaudeError } from '../classify-error';
import { messageBody, startStubAnthropic, type StubAnthropic } from './stub-anthropic';

/**
 * Claude's stop reasons, error types and model ids are looked up in tables; text that names an Object.prototype
 * member must find nothing there, not a function.
 */

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

const SEVEN_BLOCKS = ['Subject line', 'Day 1 body', 'LinkedIn note', 'Follow-up 1', 'Follow-up 2', 'Follow-up 3', 'Follow-up 4']
  .map((block) => `---BLOCK---\n${block}`)
  .join('\n');

let stub: StubAnthropic;
let config: Config;

beforeAll(async () => {
  configureLogger({ level: 'error', format: 'json', silent: true });
  stub = await startStubAnthropic();
  config = loadConfig({ ...FAST_TEST_ENV, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: stub.url });
});
afterAll(() => stub.close());

describe('Claude text that names an Object.prototype member', () => {
  it.each(PROTOTYPE_NAMES)(
    'When Claude answers 7 blocks with stop reason and model "%s", then the copy is used and its cost is unknown, not NaN',
    async (name) => {
      const observed: MeteredClaudeCall[] = [];
      const usage = new UsageAccounting({ store: new MemoryUsageStore(), prices: config.claudePricing, observe: (call) => observed.push(call) });
      const upstream = createClaudeUpstream(config, { random: () => 0 });
      stub.script({ body: messageBody(SEVEN_BLOCKS, { stopReason: name, model: name }) });
      try {
        const content = await new ClaudeAPI(createClaudeShared(config, upstream, { usage })).generate({ lead: { email: 'ann@acme.example' } });
        expect(content.snippet1).toBe('Subject line');
      } finally {
        await upstream.close();
      }
      expect(observed).toEqual([expect.objectContaining({ model: name, estimatedCostUsd: undefined })]);
    },
  );

  it.each(PROTOTYPE_NAMES)('When an SSE error event has the type "%s", then it is a server error', (type) => {
    const event = { type: 'error', error: { type, message: 'odd' } };
    const failure = classifyClaudeError(new APIError(undefined, event, undefined, new Headers(), type as ConstructorParameters<typeof APIError>[4]));
    expect(failure.failureClass).toBe('server_error');
  });
});
