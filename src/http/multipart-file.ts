import busboy from 'busboy';
import type { Request } from 'express';

/** Room for the multipart framing and a few small fields around the file, beyond the file's own limit. */
const FRAMING_BYTES = 64 * 1024;

export type MultipartFile =
  | { kind: 'file'; filename: string | undefined; chunks: Buffer[] }
  /** `drained`: false when the rest of the body was left unread (far too large): the connection must close. */
  | { kind: 'too_large'; drained: boolean }
  | { kind: 'no_file' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'aborted' };

export interface MultipartOptions {
  /** The form field that carries the file. */
  field: string;
  maxFileBytes: number;
  /** Reading stops when it aborts (the client left, or the read took too long). */
  signal: AbortSignal;
}

/**
 * Reads the one file of a `multipart/form-data` body, streaming: parts are parsed as they arrive, the file's
 * bytes are kept only up to the limit, and anything else (fields, other parts) is discarded. A body that only
 * just exceeds the limit is read to its end, so the client receives the 413 instead of a reset connection; one
 * that declares or sends far more is not read further.
 */
export function readMultipartFile(req: Request, options: MultipartOptions): Promise<MultipartFile> {
  const hardCap = options.maxFileBytes + FRAMING_BYTES;
  if (Number(req.get('content-length') ?? 0) > hardCap) return Promise.resolve({ kind: 'too_large', drained: false });
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // busboy flags a file that REACHES fileSize, so one byte more: a file of exactly the limit is allowed.
      limits: { files: 1, fileSize: options.maxFileBytes + 1, fields: 20, fieldSize: 1024, parts: 21, headerPairs: 100 },
    });
  } catch {
    return Promise.resolve({ kind: 'unreadable', reason: 'Send the file as multipart/form-data, in a part named "file".' });
  }

  return new Promise((resolve) => {
    let chunks: Buffer[] | undefined;
    let filename: string | undefined;
    let tooLarge = false;
    let secondFile = false;
    let received = 0;
    let settled = false;

    const finish = (result: MultipartFile) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      req.off('data', countBytes);
      req.unpipe(parser);
      resolve(result);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const countBytes = (chunk: Buffer) => {
      received += chunk.length;
      if (received > hardCap) finish({ kind: 'too_large', drained: false });
    };

    parser.on('file', (name, stream, info) => {
      if (name !== options.field || chunks) return void stream.resume();
      filename = info.filename;
      const kept: Buffer[] = (chunks = []);
      stream.on('data', (chunk: Buffer) => kept.push(chunk));
      stream.on('limit', () => {
        tooLarge = true;
        kept.length = 0;
      });
    });
    parser.on('filesLimit', () => (secondFile = true));
    parser.on('error', () => finish({ kind: 'unreadable', reason: 'The multipart body could not be read.' }));
    parser.on('close', () => {
      if (tooLarge) return finish({ kind: 'too_large', drained: true });
      if (secondFile) return finish({ kind: 'unreadable', reason: 'Send one file per upload.' });
      finish(chunks ? { kind: 'file', filename, chunks } : { kind: 'no_file' });
    });

    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    req.on('data', countBytes);
    req.pipe(parser);
  });
}
