/** The kinds of file a generation can carry, and the Claude content block each becomes. */
export type AttachmentKind = 'image' | 'document';

export interface FileType {
  mimeType: string;
  kind: AttachmentKind;
}

interface Signature {
  type: FileType;
  /** Byte values at `offset`; all must match. */
  bytes: readonly number[];
  offset?: number;
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const JPEG: FileType = { mimeType: 'image/jpeg', kind: 'image' };
const PNG: FileType = { mimeType: 'image/png', kind: 'image' };
const GIF: FileType = { mimeType: 'image/gif', kind: 'image' };
const WEBP: FileType = { mimeType: 'image/webp', kind: 'image' };
const PDF: FileType = { mimeType: 'application/pdf', kind: 'document' };

/**
 * The formats' own magic numbers: JPEG's SOI marker and the first byte of the next marker, PNG's 8-byte
 * signature, GIF87a/GIF89a, a RIFF container whose form type is WEBP, and a PDF header. A WebP needs two
 * signatures (RIFF at 0, WEBP at 8), so a plain RIFF (a WAV, an AVI) is not taken for one.
 */
const SIGNATURES: readonly Signature[][] = [
  [{ type: JPEG, bytes: [0xff, 0xd8, 0xff] }],
  [{ type: PNG, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  [{ type: GIF, bytes: ascii('GIF87a') }],
  [{ type: GIF, bytes: ascii('GIF89a') }],
  [
    { type: WEBP, bytes: ascii('RIFF') },
    { type: WEBP, bytes: ascii('WEBP'), offset: 8 },
  ],
  [{ type: PDF, bytes: ascii('%PDF-') }],
];

/** Enough of the head of a file to tell every allowed format apart. */
export const SNIFF_BYTES = 12;

const matches = (head: Uint8Array, { bytes, offset = 0 }: Signature) =>
  head.length >= offset + bytes.length && bytes.every((byte, i) => head[offset + i] === byte);

/**
 * The type of a file from its first bytes, whatever its name or declared type says: an executable renamed
 * `.png` and sent as `image/png` is still no image. Undefined for anything that is not an allowed format.
 */
export function sniffFileType(head: Uint8Array): FileType | undefined {
  return SIGNATURES.find((all) => all.every((signature) => matches(head, signature)))?.[0]?.type;
}
