import type { AttachmentStore } from '../attachments/attachment-store';
import type { ErrorCenter } from '../errors/error-center';
import type { GenerateContentInput } from '../gql/graphql';
import { displayName, type Lead } from '../leads/lead';
import type { LeadStore } from '../leads/lead-store';
import type { SettingsStore } from '../settings/settings-store';
import { generationInput } from './generation-input';
import { GenerationQueue, MAX_CONCURRENT_GENERATIONS, type GenerationTransport } from './generation-queue';

/**
 * Generation as the screens use it: "generate these leads" with the current prompt, model and attached files,
 * and the outcomes written where they belong (the lead's status and draft, the error center).
 */
export class GenerationService {
  readonly queue: GenerationQueue;

  constructor(
    transport: GenerationTransport,
    private readonly leads: LeadStore,
    private readonly settings: SettingsStore,
    private readonly attachments: Pick<AttachmentStore, 'readyIds'>,
    errors: ErrorCenter,
    maxConcurrent = MAX_CONCURRENT_GENERATIONS,
  ) {
    this.queue = new GenerationQueue(
      transport,
      {
        started: (id) => {
          errors.clear(errorSource(id));
          leads.generationStarted(id);
        },
        completed: (id, sequence) => {
          errors.clear(errorSource(id));
          leads.generationSucceeded(id, sequence);
        },
        failed: (id, state) => {
          leads.generationEnded(id, 'failed');
          const lead = leads.find(id);
          if (state.error && lead) {
            errors.report(errorSource(id), `Generating the sequence for ${displayName(lead)}`, state.error, () => this.generate([id]));
          }
        },
        cancelled: (id) => leads.generationEnded(id, 'cancelled'),
      },
      maxConcurrent,
    );
  }

  generate(leadIds: readonly string[]): void {
    for (const id of leadIds) {
      const lead = this.leads.find(id);
      if (lead) this.queue.start(id, this.inputFor(lead));
    }
  }

  cancel(leadId: string): void {
    this.queue.cancel(leadId);
  }

  dismiss(leadId: string): void {
    this.queue.dismiss(leadId);
  }

  /**
   * A lead that has a sequence is regenerated: `fresh`, since the user wants a new one, which the server's
   * content cache would otherwise answer with the same sequence again for the same input.
   */
  private inputFor(lead: Lead): GenerateContentInput {
    const input = generationInput(lead, this.settings.getSnapshot(), this.attachments.readyIds());
    return lead.sequence ? { ...input, fresh: true } : input;
  }
}

function errorSource(leadId: string): string {
  return `generate:${leadId}`;
}
