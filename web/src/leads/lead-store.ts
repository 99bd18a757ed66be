import { ExternalStore } from '../lib/external-store';
import { emailKey } from './email';
import type { ExportRecord, Lead, LeadContact, LeadStatus, Sequence, Snippets } from './lead';
import { LeadPersistence } from './lead-persistence';

export interface LeadsState {
  leads: readonly Lead[];
  /** True when the last change could not be saved in the browser (storage full or disabled). */
  unsaved: boolean;
}

/** A generation interrupted by a reload never finishes: the lead goes back to where it was. */
function settle(lead: Lead): Lead {
  if (lead.status !== 'generating') return lead;
  const { statusBeforeGeneration, ...rest } = lead;
  return { ...rest, status: statusBeforeGeneration ?? (lead.sequence ? 'drafted' : 'imported') };
}

/** All leads, their drafts and statuses; every change is saved to the browser's storage at once. */
export class LeadStore extends ExternalStore<LeadsState> {
  private readonly persistence: LeadPersistence;

  constructor(
    storage: Storage | undefined,
    private readonly newId: () => string = () => `lead-${crypto.randomUUID()}`,
    private readonly now: () => Date = () => new Date(),
  ) {
    const persistence = new LeadPersistence(storage);
    super({ leads: persistence.load().map(settle), unsaved: false });
    this.persistence = persistence;
  }

  get leads(): readonly Lead[] {
    return this.getSnapshot().leads;
  }

  find(id: string): Lead | undefined {
    return this.leads.find((lead) => lead.id === id);
  }

  emails(): Set<string> {
    return new Set(this.leads.map((lead) => emailKey(lead.email)));
  }

  /** Adds new leads (the caller has already left out duplicates) and returns their ids. */
  importLeads(contacts: readonly LeadContact[]): string[] {
    const importedAt = this.now().toISOString();
    const added: Lead[] = contacts.map((contact) => ({ ...contact, id: this.newId(), status: 'imported', importedAt }));
    this.commit([...this.leads, ...added]);
    return added.map((lead) => lead.id);
  }

  remove(ids: readonly string[]): void {
    const gone = new Set(ids);
    this.commit(this.leads.filter((lead) => !gone.has(lead.id)));
  }

  generationStarted(id: string): void {
    this.update(id, (lead) =>
      lead.status === 'generating' ? lead : { ...lead, status: 'generating', statusBeforeGeneration: lead.status },
    );
  }

  /** A new draft replaces the old one, and whatever was typed into the old one. */
  generationSucceeded(id: string, sequence: Sequence): void {
    this.update(id, ({ edits: _edits, statusBeforeGeneration: _before, ...lead }) => ({ ...lead, status: 'drafted', sequence }));
  }

  /** Failed or cancelled: back to the previous status, or `failed` when there was nothing to go back to. */
  generationEnded(id: string, outcome: 'failed' | 'cancelled'): void {
    this.update(id, ({ statusBeforeGeneration, ...lead }) => {
      const previous: LeadStatus = statusBeforeGeneration ?? 'imported';
      const status = outcome === 'failed' && !lead.sequence ? 'failed' : previous;
      return { ...lead, status };
    });
  }

  /** An edit to an approved sequence needs approving again. */
  editSnippet(id: string, index: number, text: string): void {
    this.update(id, (lead) => ({
      ...lead,
      edits: { ...lead.edits, [index]: text },
      status: lead.status === 'approved' || lead.status === 'exported' ? 'drafted' : lead.status,
    }));
  }

  approve(id: string, snippets: Snippets): void {
    this.update(id, ({ edits: _edits, ...lead }) =>
      lead.sequence ? { ...lead, status: 'approved', sequence: { ...lead.sequence, snippets } } : lead,
    );
  }

  exported(id: string, record: ExportRecord): void {
    this.update(id, (lead) => ({ ...lead, status: record.failure ? lead.status : 'exported', lastExport: record }));
  }

  private update(id: string, change: (lead: Lead) => Lead): void {
    this.commit(this.leads.map((lead) => (lead.id === id ? change(lead) : lead)));
  }

  private commit(leads: Lead[]): void {
    const saved = this.persistence.save(this.leads, leads);
    this.set({ leads, unsaved: !saved });
  }
}
