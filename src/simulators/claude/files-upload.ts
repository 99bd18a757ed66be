import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** The Files API's own limit per file. */
export const FILE_MAX_BYTES = 500 * 1024 * 1024;
/** What the simulator keeps of a file to look at (its type, its pages); the size is counted in full. */
const KEPT_BYTES = 32 * 1024 * 1024;

export type UploadedPart =
  | { kind: 'file'; filename: string | undefined; declaredType: string; sizeBytes: number; head: Buffer }
  | { kind: 'missing' }
  | { kind: 'too_large' }
  | { kind: 'malformed'; message: string };

/** Reads the `file` part of a `POST /v1/files` body as the real endpoint takes it; other parts are ignored. */
export function readUploadedPart(req: IncomingMessage): Promise<UploadedPart> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers });
  } catch {
    req.resume();
    return Promise.resolve({ kind: 'malformed', message: 'Content-Type must be multipart/form-data' });
  }
  return new Promise((resolve) => {
    let part: UploadedPart = { kind: 'missing' };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || part.kind !== 'missing') return void stream.resume();
      const kept: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        if (size < KEPT_BYTES) kept.push(chunk);
        size += chunk.length;
      });
      stream.on('end', () => {
        part =
          size > FILE_MAX_BYTES
            ? { kind: 'too_large' }
            : { kind: 'file', filename: info.filename, declaredType: info.mimeType, sizeBytes: size, head: Buffer.concat(kept) };
      });
    });
    parser.on('error', () => resolve({ kind: 'malformed', message: 'The multipart body could not be parsed' }));
    parser.on('close', () => resolve(part));
    req.pipe(parser);
  });
}
