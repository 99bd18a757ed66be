import type { AttachmentKind } from './file-type';

/** One uploaded file as this server knows it: whose it is, where Claude keeps it, and until when it may be used. */
export interface AttachmentRecord {
  /** Ours (`att_…`), unguessable; the file id in Claude's store stays on the server. */
  id: string;
  /** The caller that uploaded it (`Caller.id`): the only one who may use or delete it. */
  ownerId: string;
  fileId: string;
  kind: AttachmentKind;
  filename: string;
  /** As sniffed from the content, never as declared. */
  mimeType: string;
  sizeBytes: number;
  createdAt: number;
  /** Epoch ms; from then on it is unusable and the sweeper deletes its file. */
  expiresAt: number;
}

/**
 * Attachment records, in memory or shared in Redis. A record stays until its file is deleted upstream, so no file
 * id is ever forgotten while the file still exists. Expired and retired records are handed to deleters by
 * claims: a claim makes the record nobody else's for `leaseMs`, so with several instances each file gets one
 * deletion; a claimant that dies lets its lease lapse and the next sweep claims the record again.
 */
export interface AttachmentStore {
  save(record: AttachmentRecord): Promise<void>;
  /** The record when it exists, belongs to `ownerId` and has not expired at `now`. */
  find(id: string, ownerId: string, now: number): Promise<AttachmentRecord | undefined>;
  /**
   * Ends the owner's use of a record at once (as `find` would answer it: undefined for unknown, foreign or
   * expired) and claims it for its deletion.
   */
  retire(id: string, ownerId: string, now: number, leaseMs: number): Promise<AttachmentRecord | undefined>;
  /** Claims up to `limit` records that expired by `now` and that no live claim holds, oldest first. */
  claimExpired(now: number, limit: number, leaseMs: number): Promise<AttachmentRecord[]>;
  /** Drops a record whose file is gone upstream. */
  forget(id: string): Promise<void>;
}
