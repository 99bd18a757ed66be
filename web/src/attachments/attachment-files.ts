import type { AppError } from '../errors/app-error';

/** What the server accepts (it decides by the file's first bytes; this only spares a doomed upload). */
export const ACCEPTED_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
};
/** The server's limit per file, and per generation. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 4;

/** For the file input's `accept`: the types and their extensions, as pickers filter by either. */
export const ACCEPT_ATTRIBUTE = Object.entries(ACCEPTED_TYPES)
  .flatMap(([type, extensions]) => [type, ...extensions])
  .join(',');

/** The refusal the server would give, as the same error: the file field was not accepted. */
export const FILE_REFUSED: AppError = { code: 'BAD_USER_INPUT', retryable: false, fields: ['file'] };
/** More files than a generation may carry, as the server says it for `attachmentIds`. */
export const TOO_MANY_FILES: AppError = { code: 'BAD_USER_INPUT', retryable: false, fields: ['input.attachmentIds'] };

function hasAcceptedType(file: File): boolean {
  // Some systems give no type for a dropped file: its name's extension decides then.
  if (file.type !== '') return file.type in ACCEPTED_TYPES;
  const name = file.name.toLowerCase();
  return Object.values(ACCEPTED_TYPES).some((extensions) => extensions.some((extension) => name.endsWith(extension)));
}

export function isAcceptable(file: File): boolean {
  return hasAcceptedType(file) && file.size > 0 && file.size <= MAX_ATTACHMENT_BYTES;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
