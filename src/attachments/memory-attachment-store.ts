import type { AttachmentRecord, AttachmentStore } from './attachment-store';

interface Entry {
  record: AttachmentRecord;
  /** When a deleter may claim it: its expiry, or the end of the current claim. */
  claimableAt: number;
}

/** One instance's attachments (the default without REDIS_URL). */
export class MemoryAttachmentStore implements AttachmentStore {
  private readonly entries = new Map<string, Entry>();

  async save(record: AttachmentRecord): Promise<void> {
    this.entries.set(record.id, { record: { ...record }, claimableAt: record.expiresAt });
  }

  async find(id: string, ownerId: string, now: number): Promise<AttachmentRecord | undefined> {
    const record = this.usable(id, ownerId, now);
    return record && { ...record };
  }

  async retire(id: string, ownerId: string, now: number, leaseMs: number): Promise<AttachmentRecord | undefined> {
    const record = this.usable(id, ownerId, now);
    if (!record) return undefined;
    record.expiresAt = now;
    this.entries.set(id, { record, claimableAt: now + leaseMs });
    return { ...record };
  }

  async claimExpired(now: number, limit: number, leaseMs: number): Promise<AttachmentRecord[]> {
    const due = [...this.entries.values()]
      .filter((entry) => entry.claimableAt <= now)
      .sort((a, b) => a.claimableAt - b.claimableAt)
      .slice(0, limit);
    for (const entry of due) entry.claimableAt = now + leaseMs;
    return due.map((entry) => ({ ...entry.record }));
  }

  async forget(id: string): Promise<void> {
    this.entries.delete(id);
  }

  private usable(id: string, ownerId: string, now: number): AttachmentRecord | undefined {
    const record = this.entries.get(id)?.record;
    return record && record.ownerId === ownerId && record.expiresAt > now ? record : undefined;
  }
}
