import type { IncomingMessage } from 'node:http';
import { jsonReply, type Reply } from '../shared/http';
import { claudeErrorReply } from './errors';
import { readUploadedPart } from './files-upload';

/** The flag that enables the Files API, on its own routes and on messages that refer to files. */
export const FILES_BETA = 'files-api-2025-04-14';

/**
 * What the simulator bills for a file in a message (the real cost depends on pixels and pages; these are fixed so
 * tests can add them up): an image as a picture of about 1.15 megapixels, the most Claude reads before it scales
 * down, and a PDF per page, counted as the page objects in the file, at least one.
 */
export const IMAGE_TOKENS = 1_600;
export const PDF_PAGE_TOKENS = 1_500;

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const DOCUMENT_TYPES = new Set(['application/pdf', 'text/plain']);
/** Control characters and these are refused in file names, which have 1–255 characters. */
const BAD_NAME = /[<>:"|?*\\/\u0000-\u001f]/;

interface StoredFile {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
  /** Whether the content decodes as the image its type says (what an `image` block needs). */
  decodableImage: boolean;
  /** Input tokens a block of it costs. */
  tokens: number;
}

export interface FileStats {
  filesUploaded: number;
  filesDeleted: number;
  /** Files stored now (a gauge). */
  filesStored: number;
  /** The file blocks of the last messages or count_tokens request that had any, in order. */
  lastFileBlocks: Array<{ type: string; fileId: string }>;
}

export type FileBlockCheck = { ok: true; tokens: number } | { ok: false; reply: Reply };

/** Magic numbers, checked the way a decoder would fail on them: the first bytes of each format. */
function decodesAs(mimeType: string, head: Buffer): boolean {
  const starts = (text: string, at = 0) => head.subarray(at, at + text.length).toString('latin1') === text;
  switch (mimeType) {
    case 'image/jpeg':
      return head[0] === 0xff && head[1] === 0xd8;
    case 'image/png':
      return starts('\x89PNG\r\n\x1a\n');
    case 'image/gif':
      return starts('GIF8');
    case 'image/webp':
      return starts('RIFF') && starts('WEBP', 8);
    default:
      return false;
  }
}

function tokensOf(mimeType: string, content: Buffer, sizeBytes: number): number {
  if (IMAGE_TYPES.has(mimeType)) return IMAGE_TOKENS;
  if (mimeType === 'application/pdf') {
    const pages = content.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
    return Math.max(1, pages) * PDF_PAGE_TOKENS;
  }
  return Math.ceil(sizeBytes / 4);
}

const hasBeta = (req: IncomingMessage) =>
  String(req.headers['anthropic-beta'] ?? '')
    .split(',')
    .some((flag) => flag.trim() === FILES_BETA);

/**
 * The Files API of the fake Anthropic: upload (`POST /v1/files`, multipart with a part `file`), delete
 * (`DELETE /v1/files/{id}`), and the checks a Messages or count_tokens request with file blocks gets: the beta
 * flag, the file exists, and its type suits the block (a PDF in an `image` block is refused, as by the real API).
 */
export class SimulatedFiles {
  private readonly files = new Map<string, StoredFile>();
  private counter = 0;

  constructor(private readonly stats: FileStats) {}

  get size(): number {
    return this.files.size;
  }

  /** What is stored now, as `POST /v1/files` described each file. */
  list(): Array<{ id: string; filename: string; mimeType: string; sizeBytes: number }> {
    return [...this.files.values()].map(({ id, filename, mimeType, sizeBytes }) => ({ id, filename, mimeType, sizeBytes }));
  }

  clear(): void {
    this.files.clear();
    this.stats.filesStored = 0;
  }

  /** `POST /v1/files` or `DELETE /v1/files/{id}`; everything else under /v1/files is a 404. */
  async serve(req: IncomingMessage, path: string, requestId: string): Promise<Reply> {
    const invalid = (message: string, status = 400) => claudeErrorReply(status, 'invalid_request_error', message, requestId);
    if (!hasBeta(req)) {
      req.resume();
      return invalid(`The Files API is in beta: send the header anthropic-beta: ${FILES_BETA}`);
    }
    if (req.method === 'POST' && path === '/v1/files') return this.upload(req, requestId);
    req.resume();
    const id = decodeURIComponent(path.slice('/v1/files/'.length));
    if (req.method === 'DELETE' && this.files.delete(id)) {
      this.stats.filesDeleted++;
      this.stats.filesStored = this.files.size;
      return jsonReply(200, { id, type: 'file_deleted' });
    }
    return claudeErrorReply(404, 'not_found_error', `File not found: ${id}`, requestId);
  }

  private async upload(req: IncomingMessage, requestId: string): Promise<Reply> {
    const part = await readUploadedPart(req);
    const invalid = (message: string) => claudeErrorReply(400, 'invalid_request_error', message, requestId);
    if (part.kind === 'malformed') return invalid(part.message);
    if (part.kind === 'missing') return invalid('file: Field required');
    if (part.kind === 'too_large') return claudeErrorReply(413, 'request_too_large', 'File exceeds the maximum size of 500 MB', requestId);
    const filename = part.filename ?? '';
    if (filename.length < 1 || filename.length > 255 || BAD_NAME.test(filename)) return invalid('Invalid filename');
    const mimeType = part.declaredType.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    const file: StoredFile = {
      id: `file_sim_${String(++this.counter).padStart(6, '0')}`,
      filename,
      mimeType,
      sizeBytes: part.sizeBytes,
      createdAt: new Date().toISOString(),
      decodableImage: decodesAs(mimeType, part.head),
      tokens: tokensOf(mimeType, part.head, part.sizeBytes),
    };
    this.files.set(file.id, file);
    this.stats.filesUploaded++;
    this.stats.filesStored = this.files.size;
    const { id, sizeBytes, createdAt } = file;
    return jsonReply(200, { id, type: 'file', filename, mime_type: mimeType, size_bytes: sizeBytes, created_at: createdAt, downloadable: false });
  }

  /** The input tokens of the file blocks in `messages`, or the error the real API answers for them. */
  checkBlocks(req: IncomingMessage, messages: unknown, requestId: string): FileBlockCheck {
    const blocks = fileBlocksOf(messages);
    if (blocks.length === 0) return { ok: true, tokens: 0 };
    const refuse = (status: 400 | 404, message: string): FileBlockCheck => ({
      ok: false,
      reply: claudeErrorReply(status, status === 404 ? 'not_found_error' : 'invalid_request_error', message, requestId),
    });
    if (!hasBeta(req)) return refuse(400, `${blocks[0]!.path}.source: file sources need the header anthropic-beta: ${FILES_BETA}`);
    this.stats.lastFileBlocks = blocks.map(({ type, fileId }) => ({ type, fileId }));
    let tokens = 0;
    for (const { path, type, fileId } of blocks) {
      const file = this.files.get(fileId);
      if (!file) return refuse(404, `${path}.source.file_id: File not found: ${fileId}`);
      if (type === 'image' && !IMAGE_TYPES.has(file.mimeType)) {
        return refuse(400, `${path}: the file has type ${file.mimeType}, which an image block cannot take`);
      }
      if (type === 'image' && !file.decodableImage) return refuse(400, `${path}: Could not process image`);
      if (type === 'document' && !DOCUMENT_TYPES.has(file.mimeType)) {
        return refuse(400, `${path}: the file has type ${file.mimeType}, which a document block cannot take`);
      }
      tokens += file.tokens;
    }
    return { ok: true, tokens };
  }
}

interface FileBlock {
  path: string;
  type: string;
  fileId: string;
}

/** Every `{type, source: {type: "file", file_id}}` block of the turns, with where it is. */
function fileBlocksOf(messages: unknown): FileBlock[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown, m) => {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) return [];
    return content.flatMap((block: unknown, b) => {
      const { type, source } = (block ?? {}) as { type?: unknown; source?: { type?: unknown; file_id?: unknown } };
      if (typeof type !== 'string' || source?.type !== 'file') return [];
      return [{ path: `messages.${m}.content.${b}`, type, fileId: String(source.file_id ?? '') }];
    });
  });
}
