import { ClaudeSimulator } from '../claude/server';
import { WoodpeckerSimulator } from '../woodpecker/server';

/** One strict schema per simulator: defaults, types and validation are one declaration. Nothing here listens. */
describe('Simulator options', () => {
  it('When a simulator is built with nothing, then every knob has its documented default', () => {
    const claude = new ClaudeSimulator().currentOptions();
    const woodpecker = new WoodpeckerSimulator().currentOptions();

    expect(claude).toMatchObject({ apiKey: 'sim-claude-key', seed: 42, requestsPerMinute: 50, outputFormat: 'blocks', sseChunkChars: 48 });
    expect(claude.faults).toEqual({ rate_limited: 2, server_error: 2, overloaded: 3, unavailable: 1, reset: 1, slow: 1 });
    expect(woodpecker).toMatchObject({ apiKey: 'sim-woodpecker-key', maxQueue: 6, itemStyle: 'flat', errorEnvelopeCode: 'E_TOO_MANY_REQUESTS' });
  });

  it('When two simulators change their defaults in place, then neither sees the other (defaults are fresh copies)', () => {
    const first = new ClaudeSimulator();
    const second = new ClaudeSimulator();
    (first.currentOptions().models as string[]).push('claude-made-up');
    (first.currentOptions().faults as Record<string, number>).html = 1;

    expect(second.currentOptions().models).not.toContain('claude-made-up');
    expect(second.currentOptions().faults).not.toHaveProperty('html');
  });

  it.each([
    [{ outputFormat: 'xml' }, 'outputFormat'],
    [{ stopReason: 'tool_use' }, 'stopReason'],
    [{ sseQuirk: 'sometimes' }, 'sseQuirk'],
    [{ shouldRetryHeader: 'maybe' }, 'shouldRetryHeader'],
    [{ seed: 'forty-two' }, 'seed'],
    [{ hang: 'yes' }, 'hang'],
    [{ quotaWindowMs: 0 }, 'quotaWindowMs'],
    [{ faultRate: 2 }, 'faultRate'],
    [{ models: [] }, 'models'],
    [{ apiKey: '' }, 'apiKey'],
    [{ faultsByRoute: { batches: { overloaded: 1 } } }, 'unknown route "batches"'],
  ])('When the Claude simulator is configured with %j, then it throws naming %s and keeps its options', (change, named) => {
    const sim = new ClaudeSimulator();
    const before = sim.currentOptions();

    expect(() => sim.configure(change as never)).toThrow(named);
    expect(sim.currentOptions()).toBe(before);
  });

  it.each([
    [{ itemStyle: 'deep' }, 'itemStyle'],
    [{ errorEnvelopeCode: 'E_MADE_UP' }, 'errorEnvelopeCode'],
    [{ authErrorStatus: 200 }, 'authErrorStatus: must be a 4xx or 5xx status'],
    [{ maxQueue: 1.5 }, 'maxQueue'],
    [{ faultAfterApplyRatio: -0.1 }, 'faultAfterApplyRatio'],
    [{ campaignListAsObject: 1 }, 'campaignListAsObject'],
  ])('When the Woodpecker simulator is configured with %j, then it throws naming %s and keeps its options', (change, named) => {
    const sim = new WoodpeckerSimulator();
    const before = sim.currentOptions();

    expect(() => sim.configure(change as never)).toThrow(named);
    expect(sim.currentOptions()).toBe(before);
  });

  it('When a constructor gets an unknown knob or several bad ones, then one message names every problem', () => {
    expect(() => new ClaudeSimulator({ latencyMS: 5 } as never)).toThrow('unknown option(s): latencyMS');
    expect(() => new WoodpeckerSimulator({ maxQueue: -1, itemStyle: 'deep' } as never)).toThrow(/maxQueue: .*; itemStyle: /);
  });
});
