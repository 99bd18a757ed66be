import { authorizationHeaders } from '../api/access-token';
import { fromHttpBody, type AppError } from '../errors/app-error';

export interface UploadedAttachment {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
}

export type UploadOutcome = { ok: true; attachment: UploadedAttachment } | { ok: false; error: AppError };

export interface UploadOptions {
  url: string;
  accessToken: () => string;
  fetchFn?: typeof fetch;
}

function isUploaded(body: unknown): body is UploadedAttachment {
  const value = body as Partial<UploadedAttachment> | null;
  return typeof value?.id === 'string' && typeof value.filename === 'string' && typeof value.sizeBytes === 'number';
}

/**
 * `POST /attachments` with the file as the multipart part `file`, as FormData sends it. The bearer token goes
 * along when there is one; `apollo-require-preflight` always, since the server refuses a multipart post that
 * carries no header a cross-site form could not send. Rejects only when `signal` aborts.
 */
export async function uploadAttachment(options: UploadOptions, file: File, signal: AbortSignal): Promise<UploadOutcome> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await (options.fetchFn ?? fetch)(options.url, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true', ...authorizationHeaders(options.accessToken()) },
      body,
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: { code: 'NETWORK', retryable: true } };
  }
  const text = await response.text();
  if (response.ok) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isUploaded(parsed)) return { ok: true, attachment: parsed };
    } catch {
      // Not the server's answer (a proxy's page): reported below.
    }
    return { ok: false, error: { code: 'UNKNOWN', retryable: true } };
  }
  return { ok: false, error: fromHttpBody(text, response.status, response.headers.get('retry-after')) };
}
