import { createHash } from 'node:crypto';
import { describeError, logger } from '../../logging/logger';
import type { CacheStore } from '../shared/cache-store';
import type { GeneratedContentModel, GenerateContentRequest, LeadModel, Snippets } from './models';
import { PROMPT_TEMPLATE_VERSION } from './prompt';

const log = logger.child({ component: 'content-cache' });

/** A sequence as the content cache keeps it: the copy, what it cost, and the raw block texts a stream replays. */
export interface CachedSequence {
  snippets: Snippets;
  /** The raw text of each of the 7 touches, as it was streamed (a hit on the stream replays them as deltas). */
  blocks: string[];
  model: string;
  usage: GeneratedContentModel['usage'];
  stopReason?: string;
  generatedAt: string;
}

/**
 * Where cached sequences live, as JSON text (so their size is known before they are stored). A cache is an
 * optimisation: a store that fails is a miss and a lost write, never an error.
 */
export type ContentCacheStore = Pick<CacheStore<string>, 'get' | 'set'>;

/** A sequence is 3-10 KB of JSON; anything far above that is not worth keeping. */
export const MAX_ENTRY_BYTES = 32 * 1024;

/** What identifies "the same generation": everything Claude is asked, normalised, and whose request it is. */
export interface CacheIdentity {
  callerId: string;
  /** The model the call will name (the default applied). */
  model: string;
  request: Pick<GenerateContentRequest, 'lead' | 'prompt' | 'systemPrompt' | 'attachments'>;
}

/** Lead fields as they reach the prompt, trimmed, empty ones dropped; the email in lower case (addresses are case-blind). */
function normalisedLead(lead: LeadModel): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(lead).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) fields[name] = name === 'email' ? text.toLowerCase() : text;
  }
  return fields;
}

function normalisedText(text: string | undefined): string | null {
  const normalised = text?.replace(/\r\n?/g, '\n').trim();
  return normalised ? normalised : null;
}

/**
 * The cache key: a hash of the caller, the normalised lead, guidance and system prompt, the model, the attachment
 * file ids (in order: Claude reads them in that order) and the prompt template version. Hashed, so neither the
 * lead nor the caller appears in a shared store's key names.
 */
export function contentCacheKey({ callerId, model, request }: CacheIdentity): string {
  const identity = JSON.stringify([
    PROMPT_TEMPLATE_VERSION,
    callerId,
    model,
    normalisedLead(request.lead),
    normalisedText(request.prompt),
    normalisedText(request.systemPrompt),
    (request.attachments ?? []).map((file) => file.fileId),
  ]);
  return createHash('sha256').update(identity).digest('hex');
}

/**
 * The content cache: a caller's identical generation within the TTL is served without a Claude call. Only a
 * complete, validated sequence is ever put here (a failed or partial generation never reaches `put`).
 */
export class ContentCache {
  constructor(
    private readonly store: ContentCacheStore,
    private readonly ttlMs: number,
  ) {}

  async get(key: string): Promise<CachedSequence | undefined> {
    try {
      const raw = await this.store.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as CachedSequence);
    } catch (error) {
      log.warn('content cache read failed: generating instead', { error: describeError(error) });
      return undefined;
    }
  }

  async put(key: string, sequence: CachedSequence): Promise<void> {
    const value = JSON.stringify(sequence);
    if (Buffer.byteLength(value) > MAX_ENTRY_BYTES) {
      log.debug('sequence too large for the content cache: not cached', { bytes: Buffer.byteLength(value) });
      return;
    }
    try {
      await this.store.set(key, value, this.ttlMs);
    } catch (error) {
      log.warn('content cache write failed: the sequence is not cached', { error: describeError(error) });
    }
  }
}
