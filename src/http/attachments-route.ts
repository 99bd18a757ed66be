import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Attachments } from '../attachments/attachments';
import { incomingFile, MAX_ATTACHMENT_BYTES } from '../attachments/incoming-file';
import type { UploadBudget } from '../attachments/upload-budget';
import type { UploadSlots } from '../attachments/upload-slots';
import type { Caller } from '../auth/caller';
import { Deadline } from '../datasources/shared/deadline';
import { badInput, BffError, ErrorCode } from '../errors';
import { describeError, logger } from '../logging/logger';
import { currentRequestContext } from '../logging/request-context';
import { clientAbortSignal } from './client-abort';
import { sendBffError, sendGraphQLError } from './json-errors';
import { readMultipartFile, type MultipartFile } from './multipart-file';

const log = logger.child({ component: 'access' });

export interface AttachmentRouteServices {
  attachments: Pick<Attachments, 'upload'>;
  uploadBudget: Pick<UploadBudget, 'charge'>;
  uploadSlots: Pick<UploadSlots, 'acquire'>;
  /** How long reading the body may take once a slot is held, so a slow sender cannot keep one. */
  readTimeoutMs: number;
}

/**
 * Headers a browser sends cross-site only after a CORS preflight, which the origin allow-list answers. A form
 * can post multipart/form-data anywhere, but it can set none of these, so a forged upload from another site is
 * refused. With authentication on, the token is the header; without it (development), the client names one
 * of Apollo's preflight headers, as Apollo Server's own CSRF prevention asks of GET requests.
 */
const PREFLIGHTED_HEADERS = ['authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

const requirePreflightedHeader: RequestHandler = (req, res, next) => {
  if (PREFLIGHTED_HEADERS.some((name) => req.get(name))) return next();
  sendGraphQLError(
    req,
    res,
    400,
    'BAD_REQUEST',
    'This upload has none of the headers a cross-site form cannot send: add an Authorization header, or "apollo-require-preflight: true".',
  );
};

/** The HTTP status of an upload's error: what a client or proxy that does not read the body must know. */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UPSTREAM_BUSY: 503,
  UPSTREAM_RATE_LIMITED: 503,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  QUOTA_EXHAUSTED: 503,
  CONTENT_INVALID: 502,
  INTERNAL_SERVER_ERROR: 500,
};

/** A refusal with a status of its own (413), where the code alone would say 400. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: BffError,
    /** The body was not read to its end: the connection cannot carry another request. */
    readonly closeConnection = false,
  ) {
    super(error.message);
  }
}

const TOO_LARGE_MESSAGE = `The file is larger than ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB; attach a smaller one.`;

function fileOf(read: MultipartFile) {
  switch (read.kind) {
    case 'file':
      return incomingFile(read.filename, read.chunks);
    case 'too_large':
      throw new Refusal(413, badInput(TOO_LARGE_MESSAGE, ['file']), !read.drained);
    case 'no_file':
      throw new Refusal(400, badInput('Send the file in a multipart/form-data part named "file".', ['file']));
    case 'unreadable':
      throw new Refusal(400, badInput(read.reason, ['file']), true);
    case 'aborted':
      throw new Refusal(408, new BffError(ErrorCode.UPSTREAM_TIMEOUT, 'The upload was not received in time; try again.'), true);
  }
}

/**
 * `POST /attachments`: one image or PDF, `multipart/form-data` with a part named `file` → 201 `{ id, filename,
 * mimeType, sizeBytes }`, stored in Claude's file store for the caller. Mounted behind the same request id, CORS
 * and authentication as /graphql; refusals come in the GraphQL error shape. The caller's upload budget and a
 * memory slot are taken before the body is read, so a refused upload costs neither memory nor a Claude call.
 */
export function attachmentsRoute(services: AttachmentRouteServices): Router {
  const router = Router();
  router.post('/', requirePreflightedHeader, (req, res) => upload(services, req, res));
  return router;
}

async function upload(services: AttachmentRouteServices, req: Request, res: Response): Promise<void> {
  const startedAt = performance.now();
  const caller = res.locals.caller as Caller;
  const clientGone = clientAbortSignal(res);
  let facts: Record<string, unknown> = {};
  try {
    await services.uploadBudget.charge(caller);
    const release = await services.uploadSlots.acquire(clientGone);
    try {
      const reading = Deadline.after(services.readTimeoutMs, clientGone);
      const read = await readMultipartFile(req, { field: 'file', maxFileBytes: MAX_ATTACHMENT_BYTES, signal: reading.signal }).finally(() =>
        reading.dispose(),
      );
      const file = fileOf(read);
      facts = { mimeType: file.type.mimeType, sizeBytes: file.content.size };
      const record = await services.attachments.upload(caller, file, clientGone);
      res.status(201).json({ id: record.id, filename: record.filename, mimeType: record.mimeType, sizeBytes: record.sizeBytes });
      facts = { ...facts, attachment: record.id, outcome: 'ok' };
    } finally {
      release();
    }
  } catch (error) {
    facts = { ...facts, outcome: refuse(req, res, error) };
  } finally {
    logAccess(res, startedAt, facts);
  }
}

/** Sends the refusal; returns its code for the access line. */
function refuse(req: Request, res: Response, error: unknown): string {
  if (error instanceof Refusal) {
    if (error.closeConnection) res.set('connection', 'close');
    sendBffError(req, res, error.status, error.error);
    return error.error.code;
  }
  if (error instanceof BffError) {
    sendBffError(req, res, STATUS_BY_CODE[error.code], error);
    return error.code;
  }
  log.error('upload failed unexpectedly', { error: describeError(error) });
  sendBffError(req, res, 500, new BffError(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; please contact support.'));
  return ErrorCode.INTERNAL_SERVER_ERROR;
}

/** The upload's one access line, like a GraphQL operation's: who, how long, the outcome and its upstream cost. */
function logAccess(res: Response, startedAt: number, facts: Record<string, unknown>): void {
  const ctx = currentRequestContext();
  if (ctx) ctx.accessLogged = true;
  log.info('attachment upload', {
    httpStatus: res.statusCode,
    callerKind: (res.locals.caller as Caller | undefined)?.kind,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
    ...facts,
    ...ctx?.stats,
  });
}
