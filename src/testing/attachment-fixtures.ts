/** Files as the app's users attach them, built from their formats' real headers, and an upload over real HTTP. */

export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);

/** A two-page PDF (two page objects under one page tree). */
export const PDF_BYTES = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
    '4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n'),
);

/** The start of a Linux executable: what an `.exe`/ELF renamed `.png` still is. */
export const EXECUTABLE_BYTES = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);

/** A PNG of exactly `size` bytes (a real signature, then padding). */
export function pngOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  PNG_BYTES.copy(bytes);
  return bytes;
}

export interface UploadAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** `POST /attachments` as a browser's FormData sends it: one part `file` with the name and type the user's file had. */
export async function uploadFile(
  baseUrl: string,
  file: { bytes: Buffer; name: string; type: string },
  headers: Record<string, string> = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(`${baseUrl}/attachments`, { method: 'POST', headers, body: form });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
