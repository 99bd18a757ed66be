import { randomBytes } from 'node:crypto';
import type { Caller } from '../auth/caller';
import type { AttachmentRef } from '../datasources/claude/models';
import type { ClaudeFiles } from '../datasources/claude/files-api';
import type { Clock } from '../datasources/shared/clock';
import { BffError, ErrorCode } from '../errors';
import { describeError, logger } from '../logging/logger';
import type { AttachmentRecord, AttachmentStore } from './attachment-store';
import type { IncomingFile } from './incoming-file';

const log = logger.child({ component: 'attachments' });

/**
 * How long a deleter holds a record it claimed: far beyond a deletion's own time budget, so two deleters never
 * overlap; short enough that a record claimed by an instance that died is deleted by the next sweeps.
 */
export const DELETION_CLAIM_MS = 5 * 60_000;

/** One message for an id that never existed, is another caller's, was deleted or expired: none is told apart. */
const NOT_FOUND_MESSAGE = 'There is no attachment with this id (it may have expired); upload the file again.';

/** What a request may do with its caller's attachments (the GraphQL context holds one). */
export interface CallerAttachments {
  /**
   * The caller's attachments as a generation refers to them, in the order given, each once (naming a file twice
   * does not show it to Claude twice); NOT_FOUND for any other id.
   */
  resolve(ids: readonly string[]): Promise<AttachmentRef[]>;
  /** Deletes one of the caller's attachments, from Claude's store too; NOT_FOUND for any other id. */
  delete(id: string): Promise<true>;
}

export interface AttachmentsOptions {
  store: AttachmentStore;
  files: Pick<ClaudeFiles, 'upload' | 'delete'>;
  clock: Clock;
  ttlMs: number;
}

const newId = () => `att_${randomBytes(18).toString('base64url')}`;

/**
 * Uploaded images and PDFs: the file itself lives in Claude's file store; this keeps who owns it and until when,
 * and deletes the file when its owner does or when it expires (`sweepExpired`), so nothing is left behind in
 * the organisation's file store.
 */
export class Attachments {
  constructor(private readonly options: AttachmentsOptions) {}

  /**
   * Stores the file in Claude's store and remembers it as the caller's. A client that left while the file was
   * being stored never learns its id, so that file is deleted again at once.
   */
  async upload(owner: Caller, file: IncomingFile, clientSignal?: AbortSignal): Promise<AttachmentRecord> {
    const { store, files, clock, ttlMs } = this.options;
    const fileId = await files.upload({ filename: file.filename, mimeType: file.type.mimeType, content: file.content });
    const now = clock.now();
    const record: AttachmentRecord = {
      id: newId(),
      ownerId: owner.id,
      fileId,
      kind: file.type.kind,
      filename: file.filename,
      mimeType: file.type.mimeType,
      sizeBytes: file.content.size,
      createdAt: now,
      expiresAt: now + ttlMs,
    };
    try {
      await store.save(record);
    } catch (error) {
      // Without its record nothing would ever delete the file.
      await this.deleteFile(record);
      throw error;
    }
    log.info('attachment stored', { attachment: record.id, fileId, kind: record.kind, mimeType: record.mimeType, sizeBytes: record.sizeBytes });
    if (clientSignal?.aborted) {
      await this.delete(owner.id, record.id);
      throw new BffError(ErrorCode.UPSTREAM_TIMEOUT, 'The upload was cancelled.');
    }
    return record;
  }

  forCaller(caller: Caller): CallerAttachments {
    return { resolve: (ids) => this.resolve(caller.id, ids), delete: (id) => this.delete(caller.id, id) };
  }

  async resolve(ownerId: string, ids: readonly string[]): Promise<AttachmentRef[]> {
    const now = this.options.clock.now();
    const records = await Promise.all(ids.map((id) => this.options.store.find(id, ownerId, now)));
    const missing = records.flatMap((record, i) => (record ? [] : [`input.attachmentIds[${i}]`]));
    if (missing.length > 0) throw new BffError(ErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE, { fields: missing });
    const unique = new Map(records.map((record) => [record!.id, { fileId: record!.fileId, kind: record!.kind }]));
    return [...unique.values()];
  }

  /**
   * The attachment is unusable from the first step on. When Claude cannot be reached now, its claim lapses and a
   * sweep deletes the file later: the caller's answer is the same, since the attachment is gone for it either way.
   */
  async delete(ownerId: string, id: string): Promise<true> {
    const { store, clock } = this.options;
    const record = await store.retire(id, ownerId, clock.now(), DELETION_CLAIM_MS);
    if (!record) throw new BffError(ErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE, { fields: ['id'] });
    await this.deleteFile(record);
    return true;
  }

  /** Deletes the files of up to `limit` expired records (and forgets them); each is claimed, so no other instance deletes it too. */
  async sweepExpired(limit: number): Promise<{ claimed: number; deleted: number }> {
    const { store, clock } = this.options;
    const due = await store.claimExpired(clock.now(), limit, DELETION_CLAIM_MS);
    let deleted = 0;
    // One at a time: a sweep is background work and must not crowd out the generations it shares Claude's gate with.
    for (const record of due) if (await this.deleteFile(record)) deleted += 1;
    return { claimed: due.length, deleted };
  }

  /** True once the file is gone upstream and the record forgotten; false leaves the record to a later sweep. */
  private async deleteFile(record: AttachmentRecord): Promise<boolean> {
    try {
      const outcome = await this.options.files.delete(record.fileId);
      await this.options.store.forget(record.id);
      log.info('attachment deleted', { attachment: record.id, fileId: record.fileId, outcome });
      return true;
    } catch (error) {
      log.warn('attachment file not deleted yet; a later sweep retries', {
        attachment: record.id,
        fileId: record.fileId,
        error: describeError(error),
      });
      return false;
    }
  }
}
