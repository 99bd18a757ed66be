import type Anthropic from '@anthropic-ai/sdk';
import { APIError } from '@anthropic-ai/sdk';
import type { ResilienceConfig } from '../../config';
import { Deadline } from '../shared/deadline';
import type { AttemptContext, Upstream, UpstreamCall } from '../shared/upstream';
import { UpstreamFailure } from '../shared/upstream-failure';
import { classifyClaudeError } from './classify-error';
import { FILES_API_BETA } from './messages-call';

/**
 * Claude's file store (the Files API, a beta enabled by its `anthropic-beta` flag): `POST /v1/files` stores one
 * file and answers its id, `DELETE /v1/files/{id}` removes it. Both go through the Claude upstream runtime like
 * every other Claude call (its gate, circuit and retries) under route labels of their own; the SDK sends the key
 * in its own header, and its logger writes through ours, so the key appears in no log line.
 */

export interface FileToUpload {
  filename: string;
  /** The type the content was recognised as; Claude reads it from the part's content type. */
  mimeType: string;
  /** Held in memory, so a retried attempt sends the same bytes again. */
  content: Blob;
}

export type FileDeletion = 'deleted' | 'already_gone';

const SDK_BETAS = [FILES_API_BETA];

/** The SDK accepts only a positive integer timeout; the runtime's remaining budget can be fractional or 0. */
const sdkOptions = (ctx: AttemptContext) => ({ signal: ctx.signal, timeout: Math.max(1, Math.floor(ctx.timeoutMs)), maxRetries: 0 });

function failureOf(error: unknown, ctx: AttemptContext): UpstreamFailure {
  const failure = classifyClaudeError(error, ctx.signal);
  ctx.noteUpstreamRequestId(failure.upstreamRequestId);
  return failure;
}

/**
 * An upload is a write whose repeat would store a second file: retried only when Claude provably stored nothing
 * (a 429 or 529, a connection that never opened). After a 5xx, a timeout or a reset the first copy may exist with
 * an id nobody will ever learn, so the caller gets the error and decides, rather than the server leaking copies.
 */
export function uploadFileCall(sdk: Anthropic, file: File): UpstreamCall<string> {
  return {
    route: 'POST /v1/files',
    retry: 'if-undelivered',
    cost: { requests: 1 },
    run: async (ctx) => {
      // Their rate-limit headers are not observed: the Files API has limits of its own, not the Messages budgets.
      const { data, response, request_id } = await sdk.beta.files
        .upload({ file, betas: SDK_BETAS }, sdkOptions(ctx))
        .withResponse()
        .catch((error: unknown) => {
          throw failureOf(error, ctx);
        });
      const upstreamRequestId = request_id ?? undefined;
      ctx.noteUpstreamRequestId(upstreamRequestId);
      const id: unknown = (data as { id?: unknown } | null | undefined)?.id;
      if (typeof id !== 'string' || id === '') {
        throw new UpstreamFailure('claude', 'invalid_response', 'a 200 answer without a file id', {
          status: response.status,
          upstreamRequestId,
          // Something was stored, perhaps: the answer does not say what.
          delivery: 'maybe',
        });
      }
      return id;
    },
  };
}

/** Deleting twice is harmless, so any transient failure is retried; a file that is already gone is the goal reached. */
export function deleteFileCall(sdk: Anthropic, fileId: string): UpstreamCall<FileDeletion> {
  return {
    route: 'DELETE /v1/files/{id}',
    retry: 'idempotent',
    cost: { requests: 1 },
    run: async (ctx) => {
      try {
        const { request_id } = await sdk.beta.files.delete(fileId, { betas: SDK_BETAS }, sdkOptions(ctx)).withResponse();
        ctx.noteUpstreamRequestId(request_id ?? undefined);
        return 'deleted';
      } catch (error) {
        if (error instanceof APIError && error.status === 404) return 'already_gone';
        throw failureOf(error, ctx);
      }
    },
  };
}

/** The process-wide client of Claude's file store, over the shared SDK client and Claude upstream runtime. */
export class ClaudeFiles {
  constructor(
    private readonly sdk: Anthropic,
    private readonly upstream: Upstream,
    private readonly deadlines: Pick<ResilienceConfig['deadlines'], 'generateMs' | 'readMs'>,
  ) {}

  /**
   * Stores one file; resolves with Claude's file id. It has the time budget of a generation and runs to its end
   * even when the client leaves: an upload cut mid-way may still have been stored, and only an answer tells
   * which file to delete.
   */
  async upload(file: FileToUpload): Promise<string> {
    const part = new File([file.content], file.filename, { type: file.mimeType });
    return this.within(this.deadlines.generateMs, (deadline) => this.upstream.execute(uploadFileCall(this.sdk, part), deadline));
  }

  /** Deletes one file, within the time budget of a read. */
  async delete(fileId: string): Promise<FileDeletion> {
    return this.within(this.deadlines.readMs, (deadline) => this.upstream.execute(deleteFileCall(this.sdk, fileId), deadline));
  }

  private async within<T>(budgetMs: number, run: (deadline: Deadline) => Promise<T>): Promise<T> {
    const deadline = Deadline.after(budgetMs);
    try {
      return await run(deadline);
    } finally {
      deadline.dispose();
    }
  }
}
