import { badInput } from '../errors';
import { sniffFileType, SNIFF_BYTES, type FileType } from './file-type';

/** The app's limit since its first version: 10 MB (10 × 1024 × 1024 bytes) per file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Claude's file store takes names of 1–255 characters without these (and no control characters). */
const FORBIDDEN_IN_NAMES = /[<>:"|?*\\/\u0000-\u001f\u007f]/g;
const MAX_NAME_CHARS = 255;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** An upload as read from the request: its content checked by type and size. */
export interface IncomingFile {
  filename: string;
  type: FileType;
  content: Blob;
}

/**
 * The name as the user's file had it, made acceptable to Claude's store: the last path segment only (browsers
 * send bare names, other clients may not), forbidden characters as `_`, at most 255 characters; a generic name
 * when nothing is left.
 */
export function safeFilename(declared: string | undefined, type: FileType): string {
  const base = (declared ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.replace(FORBIDDEN_IN_NAMES, '_').trim()].slice(0, MAX_NAME_CHARS).join('');
  return cleaned || `attachment.${EXTENSIONS[type.mimeType] ?? 'bin'}`;
}

/**
 * The uploaded bytes as an attachment, when they are one of the allowed formats by their content: the name and
 * the declared type are the client's word and decide nothing.
 */
export function incomingFile(declaredName: string | undefined, chunks: readonly Buffer[]): IncomingFile {
  const content = new Blob(chunks as Buffer[]);
  const head = new Uint8Array(Buffer.concat(chunks as Buffer[], Math.min(SNIFF_BYTES, content.size)));
  const type = sniffFileType(head);
  if (!type) {
    throw badInput('This file type is not allowed. Attach a JPEG, PNG, GIF or WebP image, or a PDF.', ['file']);
  }
  return { filename: safeFilename(declaredName, type), type, content };
}
