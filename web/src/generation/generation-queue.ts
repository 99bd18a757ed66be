import { isAbortError, toAppError } from '../errors/app-error';
import { ExternalStore } from '../lib/external-store';
import type { GenerateContentInput } from '../gql/graphql';
import type { Sequence } from '../leads/lead';
import { applyEvent, isActive, WAITING, type GenerationEvent, type GenerationState } from './generation-events';

/** Runs one generation, reporting progress through `emit`; aborting `signal` cancels it. */
export type GenerationTransport = (
  input: GenerateContentInput,
  emit: (event: GenerationEvent) => void,
  signal: AbortSignal,
) => Promise<void>;

export interface GenerationOutcomes {
  started(leadId: string): void;
  completed(leadId: string, sequence: Sequence): void;
  failed(leadId: string, state: GenerationState): void;
  cancelled(leadId: string): void;
}

export const MAX_CONCURRENT_GENERATIONS = 3;

interface Job {
  leadId: string;
  input: GenerateContentInput;
}

/**
 * Generations for many leads, at most `maxConcurrent` at a time (the rest wait in order), with a live state
 * per lead that the screens render. The transport is the only part that knows how the server is called.
 */
export class GenerationQueue extends ExternalStore<ReadonlyMap<string, GenerationState>> {
  private readonly waiting: Job[] = [];
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly transport: GenerationTransport,
    private readonly outcomes: GenerationOutcomes,
    private readonly maxConcurrent = MAX_CONCURRENT_GENERATIONS,
  ) {
    super(new Map());
  }

  /** Queues a generation; a lead that is already waiting or generating is left alone. */
  start(leadId: string, input: GenerateContentInput): void {
    if (isActive(this.getSnapshot().get(leadId))) return;
    this.put(leadId, WAITING);
    this.outcomes.started(leadId);
    this.waiting.push({ leadId, input });
    this.pump();
  }

  cancel(leadId: string): void {
    const index = this.waiting.findIndex((job) => job.leadId === leadId);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      this.finishCancelled(leadId);
      return;
    }
    this.running.get(leadId)?.abort();
  }

  /** Forgets a finished generation's state (a failure's partial text), so the stored sequence shows again. */
  dismiss(leadId: string): void {
    if (!isActive(this.getSnapshot().get(leadId))) this.drop(leadId);
  }

  private pump(): void {
    while (this.running.size < this.maxConcurrent) {
      const job = this.waiting.shift();
      if (!job) return;
      void this.run(job);
    }
  }

  private async run({ leadId, input }: Job): Promise<void> {
    const controller = new AbortController();
    this.running.set(leadId, controller);
    let state: GenerationState = { ...WAITING, phase: 'generating' };
    this.put(leadId, state);
    const emit = (event: GenerationEvent) => {
      if (controller.signal.aborted) return;
      state = applyEvent(state, event);
      this.put(leadId, state);
    };
    try {
      await this.transport(input, emit, controller.signal);
      if (controller.signal.aborted) throw new DOMException('cancelled', 'AbortError');
      if (state.phase !== 'completed' && state.phase !== 'failed') emit({ type: 'failed', error: { code: 'UNKNOWN', retryable: true } });
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) {
        this.running.delete(leadId);
        this.finishCancelled(leadId);
        this.pump();
        return;
      }
      emit({ type: 'failed', error: toAppError(error) });
    }
    this.running.delete(leadId);
    if (state.sequence) {
      this.outcomes.completed(leadId, state.sequence);
      // The lead store holds the sequence now; without a live state the editor shows the stored one.
      this.drop(leadId);
    } else {
      this.outcomes.failed(leadId, state);
    }
    this.pump();
  }

  private finishCancelled(leadId: string): void {
    this.put(leadId, { ...WAITING, phase: 'cancelled' });
    this.outcomes.cancelled(leadId);
  }

  private put(leadId: string, state: GenerationState): void {
    this.set(new Map(this.getSnapshot()).set(leadId, state));
  }

  private drop(leadId: string): void {
    const next = new Map(this.getSnapshot());
    next.delete(leadId);
    this.set(next);
  }
}
