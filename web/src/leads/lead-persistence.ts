import type { Lead } from './lead';

const INDEX_KEY = 'outreach:leads';
const leadKey = (id: string) => `outreach:lead:${id}`;

/**
 * Leads in localStorage, one key per lead plus an index of ids: editing one draft rewrites that lead only,
 * and a thousand leads with drafts do not have to fit in a single value.
 */
export class LeadPersistence {
  constructor(private readonly storage: Storage | undefined) {}

  load(): Lead[] {
    if (!this.storage) return [];
    const ids = parse<string[]>(this.storage.getItem(INDEX_KEY)) ?? [];
    return ids.flatMap((id) => {
      const lead = parse<Lead>(this.storage?.getItem(leadKey(id)) ?? null);
      return lead && lead.id === id && typeof lead.email === 'string' ? [lead] : [];
    });
  }

  /** Leads whose last write failed: written again with the next change, so nothing is lost for good. */
  private readonly unwritten = new Set<string>();
  private indexUnwritten = false;

  /** Writes what changed between two snapshots. Returns false when the browser refused (storage full). */
  save(previous: readonly Lead[], next: readonly Lead[]): boolean {
    const storage = this.storage;
    if (!storage) return true;
    const before = new Map(previous.map((lead) => [lead.id, lead]));
    const changed = next.filter((lead) => before.get(lead.id) !== lead || this.unwritten.has(lead.id));
    const kept = new Set(next.map((lead) => lead.id));
    const removed = previous.filter((lead) => !kept.has(lead.id)).map((lead) => lead.id);
    const reordered = previous.length !== next.length || previous.some((lead, i) => lead.id !== next[i]?.id);
    for (const id of removed) {
      storage.removeItem(leadKey(id));
      this.unwritten.delete(id);
    }
    let written = 0;
    try {
      if (reordered || this.indexUnwritten) {
        this.indexUnwritten = true;
        storage.setItem(INDEX_KEY, JSON.stringify(next.map((lead) => lead.id)));
        this.indexUnwritten = false;
      }
      for (const lead of changed) {
        storage.setItem(leadKey(lead.id), JSON.stringify(lead));
        this.unwritten.delete(lead.id);
        written += 1;
      }
      return true;
    } catch {
      for (const lead of changed.slice(written)) this.unwritten.add(lead.id);
      return false;
    }
  }
}

function parse<T>(text: string | null): T | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
