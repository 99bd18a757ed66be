import { toAppError } from '../errors/app-error';
import type { ErrorCenter } from '../errors/error-center';
import { ExternalStore } from '../lib/external-store';
import { FILE_REFUSED, isAcceptable, MAX_ATTACHMENTS, TOO_MANY_FILES } from './attachment-files';
import type { UploadOutcome } from './attachment-upload';

export interface AttachedFile {
  /** This page's own id for the entry, known before the server's. */
  key: string;
  name: string;
  sizeBytes: number;
  state: 'uploading' | 'ready';
  /** The server's id, once uploaded: what generations send in `attachmentIds`. */
  id?: string;
}

/** The ids of the files that are uploaded; one still uploading is not part of a generation started now. */
export function readyIds(files: readonly AttachedFile[]): string[] {
  return files.flatMap((file) => (file.id ? [file.id] : []));
}

/** How files reach the server and leave it again. */
export interface AttachmentApi {
  upload(file: File, signal: AbortSignal): Promise<UploadOutcome>;
  /** Rejects with the failure, as Apollo does. */
  delete(id: string): Promise<void>;
}

/**
 * The files every generation carries (at most 4), uploaded as they are added and deleted on the server as they
 * are removed. Kept for this page only: the server forgets uploads after a day anyway, and an id kept across days
 * would fail the next generation. Failures go to the error center with a retry.
 */
export class AttachmentStore extends ExternalStore<readonly AttachedFile[]> {
  private readonly uploads = new Map<string, AbortController>();

  constructor(
    private readonly api: AttachmentApi,
    private readonly errors: ErrorCenter,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {
    super([]);
  }

  readyIds(): string[] {
    return readyIds(this.getSnapshot());
  }

  /** Uploads the files there is room for; a file the server would refuse, or one over the limit, is reported instead. */
  attach(files: readonly File[]): void {
    let room = MAX_ATTACHMENTS - this.getSnapshot().length;
    for (const file of files) {
      const source = `attach:${file.name}`;
      if (!isAcceptable(file)) {
        this.errors.report(source, `Attaching “${file.name}”`, FILE_REFUSED);
      } else if (room <= 0) {
        this.errors.report(source, `Attaching “${file.name}”`, TOO_MANY_FILES);
      } else {
        room -= 1;
        void this.upload(file, source);
      }
    }
  }

  /** Takes the file out at once (generations stop sending it) and deletes it on the server. */
  remove(key: string): void {
    const file = this.getSnapshot().find((f) => f.key === key);
    if (!file) return;
    this.set(this.getSnapshot().filter((f) => f.key !== key));
    this.uploads.get(key)?.abort();
    if (file.id) void this.deleteOnServer(file.id, file.name);
  }

  private async upload(file: File, source: string): Promise<void> {
    const key = this.newKey();
    const controller = new AbortController();
    this.uploads.set(key, controller);
    this.errors.clear(source);
    this.set([...this.getSnapshot(), { key, name: file.name, sizeBytes: file.size, state: 'uploading' }]);
    let outcome: UploadOutcome;
    try {
      outcome = await this.api.upload(file, controller.signal);
    } catch {
      return; // aborted: the entry is gone already
    } finally {
      this.uploads.delete(key);
    }
    const stillListed = this.getSnapshot().some((f) => f.key === key);
    if (!outcome.ok) {
      this.set(this.getSnapshot().filter((f) => f.key !== key));
      if (stillListed) this.errors.report(source, `Attaching “${file.name}”`, outcome.error, () => this.attach([file]));
      return;
    }
    const { id } = outcome.attachment;
    // Removed while its answer was on the way: the server has it, and nobody will use it.
    if (!stillListed) return void this.deleteOnServer(id, file.name);
    this.set(this.getSnapshot().map((f) => (f.key === key ? { ...f, state: 'ready', id } : f)));
  }

  private async deleteOnServer(id: string, name: string): Promise<void> {
    const source = `detach:${id}`;
    try {
      await this.api.delete(id);
      this.errors.clear(source);
    } catch (failure) {
      const error = toAppError(failure);
      // Expired or deleted already: gone either way, which is what removing asked for.
      if (error.code === 'NOT_FOUND') return this.errors.clear(source);
      this.errors.report(source, `Removing “${name}”`, error, () => void this.deleteOnServer(id, name));
    }
  }
}
