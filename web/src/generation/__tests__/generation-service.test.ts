import { describe, expect, it } from 'vitest';
import { ErrorCenter } from '../../errors/error-center';
import type { GenerateContentInput } from '../../gql/graphql';
import type { Sequence } from '../../leads/lead';
import { LeadStore } from '../../leads/lead-store';
import { SettingsStore } from '../../settings/settings-store';
import type { GenerationEvent } from '../generation-events';
import type { GenerationTransport } from '../generation-queue';
import { GenerationService } from '../generation-service';

interface Call {
  input: GenerateContentInput;
  emit: (event: GenerationEvent) => void;
  signal: AbortSignal;
  finish: () => void;
  fail: (error: unknown) => void;
}

const SEQUENCE: Sequence = { snippets: ['Subject line here', '<div>a</div>', 'li', '<div>b</div>', '<div>c</div>', '<div>d</div>', '<div>e</div>'], model: 'm', generatedAt: '2026-11-26T10:00:00Z' };

/** A transport whose calls stay open until the test finishes them, like a slow server. */
function controlledTransport() {
  const calls: Call[] = [];
  const transport: GenerationTransport = (input, emit, signal) =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({ input, emit, signal, finish: resolve, fail: reject });
    });
  return { calls, transport };
}

function setUp(leadCount: number) {
  const { calls, transport } = controlledTransport();
  const leads = new LeadStore(localStorage);
  const errors = new ErrorCenter();
  const ids = leads.importLeads(Array.from({ length: leadCount }, (_, i) => ({ email: `lead${i}@x.example` })));
  const service = new GenerationService(transport, leads, new SettingsStore(localStorage), { readyIds: () => [] }, errors);
  const phase = (id: string) => service.queue.getSnapshot().get(id)?.phase;
  return { calls, leads, errors, ids, service, phase };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GenerationService', () => {
  it('When 5 leads are generated at once, then 3 run and 2 wait, and each finished one lets the next start', async () => {
    const { calls, ids, service, phase, leads } = setUp(5);
    service.generate(ids);
    expect(calls.map((c) => c.input.lead.email)).toEqual(['lead0@x.example', 'lead1@x.example', 'lead2@x.example']);
    expect(ids.map(phase)).toEqual(['generating', 'generating', 'generating', 'waiting', 'waiting']);
    expect(leads.leads.every((lead) => lead.status === 'generating')).toBe(true);

    calls[1]!.emit({ type: 'completed', sequence: SEQUENCE });
    calls[1]!.finish();
    await settled();
    expect(calls).toHaveLength(4);
    expect(calls[3]!.input.lead.email).toBe('lead3@x.example');
    expect(leads.find(ids[1]!)?.status).toBe('drafted');
    expect(leads.find(ids[1]!)?.sequence).toEqual(SEQUENCE);
    expect(phase(ids[1]!)).toBeUndefined(); // the stored sequence is shown from now on
  });

  it('When a waiting generation is cancelled, then it never starts and the lead goes back to its status', async () => {
    const { calls, ids, service, phase, leads } = setUp(4);
    service.generate(ids);
    service.cancel(ids[3]!);
    expect(phase(ids[3]!)).toBe('cancelled');
    expect(leads.find(ids[3]!)?.status).toBe('imported');
    calls[0]!.emit({ type: 'completed', sequence: SEQUENCE });
    calls[0]!.finish();
    await settled();
    expect(calls).toHaveLength(3);
  });

  it('When a running generation is cancelled, then its request is aborted and the lead keeps its earlier draft', async () => {
    const { calls, ids, service, phase, leads } = setUp(1);
    leads.generationStarted(ids[0]!);
    leads.generationSucceeded(ids[0]!, SEQUENCE);
    service.generate(ids);
    service.cancel(ids[0]!);
    await settled();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(phase(ids[0]!)).toBe('cancelled');
    expect(leads.find(ids[0]!)).toMatchObject({ status: 'drafted', sequence: SEQUENCE });
  });

  it('When a generation fails, then the lead is marked failed and the error is reported with a retry that generates again', async () => {
    const { calls, ids, service, phase, leads, errors } = setUp(1);
    service.generate(ids);
    calls[0]!.emit({ type: 'failed', error: { code: 'CONTENT_INVALID', retryable: true } });
    calls[0]!.finish();
    await settled();
    expect(phase(ids[0]!)).toBe('failed');
    expect(leads.find(ids[0]!)?.status).toBe('failed');
    const [reported] = errors.getSnapshot();
    expect(reported).toMatchObject({ source: `generate:${ids[0]}`, context: 'Generating the sequence for lead0@x.example', error: { code: 'CONTENT_INVALID' } });

    reported!.retry!();
    expect(calls).toHaveLength(2);
    expect(errors.getSnapshot()).toEqual([]); // a new attempt clears the old message
  });

  it('When the transport throws a network error, then it becomes a NETWORK failure', async () => {
    const { calls, ids, service, errors } = setUp(1);
    service.generate(ids);
    calls[0]!.fail(new TypeError('Failed to fetch'));
    await settled();
    expect(errors.getSnapshot()[0]?.error).toEqual({ code: 'NETWORK', retryable: true });
  });

  it('When events stream in (queued, started, deltas), then the live state shows the queue position and each snippet’s text so far', () => {
    const { calls, ids, service } = setUp(1);
    service.generate(ids);
    const live = () => service.queue.getSnapshot().get(ids[0]!);
    calls[0]!.emit({ type: 'queued', position: 2, etaSeconds: 4.5 });
    expect(live()).toMatchObject({ phase: 'queued', queuePosition: 2, etaSeconds: 4.5 });
    calls[0]!.emit({ type: 'started', model: 'claude-sonnet-4-6' });
    calls[0]!.emit({ type: 'delta', snippet: 1, text: 'Quick ' });
    calls[0]!.emit({ type: 'delta', snippet: 1, text: 'idea' });
    calls[0]!.emit({ type: 'delta', snippet: 2, text: '<div>Hi' });
    expect(live()).toMatchObject({ phase: 'generating', model: 'claude-sonnet-4-6', snippets: ['Quick idea', '<div>Hi', '', '', '', '', ''] });
    expect(live()?.queuePosition).toBeUndefined();
  });
});
