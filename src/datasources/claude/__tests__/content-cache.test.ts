import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { GenerateContentInput } from '../../../generated/operations/graphql';
import { startTestStack, type TestStack } from '../../../testing/stack';
import { MemoryCacheStore } from '../../shared/cache-store';
import { contentCacheKey } from '../content-cache';
import type { GenerateContentRequest } from '../models';
import { buildPrompt, PROMPT_TEMPLATE_VERSION } from '../prompt';
import { splitSequence } from '../sequence-parts';
import { claudeFor, collect, completedContent, deltaTexts, failure, kinds, LEAD_REQUEST } from './generation-harness';
import { createHash } from 'node:crypto';

/** The mutation as a client that shows `cached` would send it (the repo's own operation does not select it). */
const GENERATE_CACHED: TypedDocumentNode<
  { generateContent: { snippet1: string; cached: boolean; generatedAt: string } },
  { input: GenerateContentInput }
> = parse('mutation GenerateCached($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 cached generatedAt } }');

describe('the content cache', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { CONTENT_CACHE_TTL_SECONDS: '600', RATE_LIMIT_GENERATE_PER_MINUTE: '1000' } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    stack.sims.claude.configure({ outputFormat: 'blocks', stopReason: 'end_turn', streamBreakAfter: 0.5 });
    stack.sims.claude.resetStats();
  });
  const claudeCalls = () => stack.sims.claude.stats.byRoute.messages ?? 0;
  let leads = 0;
  /** A lead no earlier test generated for. */
  const freshLead = (): GenerateContentRequest => ({ ...LEAD_REQUEST, lead: { ...LEAD_REQUEST.lead, email: `cache${++leads}@acme.example` } });
  const asInput = (request: GenerateContentRequest): GenerateContentInput => ({ lead: request.lead, prompt: request.prompt });

  it('When the same caller sends the same generation again, then the mutation answers cached: true without a Claude call', async () => {
    const input = asInput(freshLead());
    const first = await stack.execute(GENERATE_CACHED, { input });
    const second = await stack.execute(GENERATE_CACHED, { input });

    expect(first.data?.generateContent.cached).toBe(false);
    expect(second.data?.generateContent).toEqual({ ...first.data?.generateContent, cached: true });
    expect(claudeCalls()).toBe(1);
  });

  it('When fresh: true is asked, then Claude is called again and the new sequence replaces the cached one', async () => {
    const input = asInput(freshLead());
    const first = await stack.execute(GENERATE_CACHED, { input });
    const refreshed = await stack.execute(GENERATE_CACHED, { input: { ...input, fresh: true } });
    const after = await stack.execute(GENERATE_CACHED, { input });

    expect(refreshed.data?.generateContent.cached).toBe(false);
    expect(claudeCalls()).toBe(2);
    expect(after.data?.generateContent).toEqual({ ...refreshed.data?.generateContent, cached: true });
    expect(after.data?.generateContent.generatedAt).not.toBe(first.data?.generateContent.generatedAt);
  });

  it('When another caller sends the same generation, then it is not served from the first caller\'s cache', async () => {
    const request = freshLead();
    completedContent(await collect(claudeFor(stack, 'caller-a').generateStream(request)));
    const other = completedContent(await collect(claudeFor(stack, 'caller-b').generateStream(request)));

    expect(other.cached).toBe(false);
    expect(claudeCalls()).toBe(2);
  });

  it('When the stream hits the cache, then it replays the raw blocks as deltas and completes at once, without a Claude call', async () => {
    const request = freshLead();
    const live = await collect(claudeFor(stack).generateStream(request));
    const replayed = await collect(claudeFor(stack).generateStream(request));

    expect(kinds(replayed)).toEqual(['started', 'delta', 'delta', 'delta', 'delta', 'delta', 'delta', 'delta', 'completed']);
    expect(deltaTexts(replayed)).toEqual(deltaTexts(live));
    expect(completedContent(replayed)).toEqual({ ...completedContent(live), cached: true });
    expect(claudeCalls()).toBe(1);
  });

  it('When the lead differs only in spacing and the case of its email, then it is the same generation', async () => {
    const request = freshLead();
    completedContent(await collect(claudeFor(stack).generateStream(request)));
    const respaced: GenerateContentRequest = {
      ...request,
      lead: { ...request.lead, email: request.lead.email.toUpperCase(), company: ` ${request.lead.company} ` },
      prompt: `${request.prompt}\n`,
    };

    expect(completedContent(await collect(claudeFor(stack).generateStream(respaced))).cached).toBe(true);
    expect(claudeCalls()).toBe(1);
  });

  it('When a generation fails after text was shown, then nothing is cached: the same request calls Claude again', async () => {
    const request = freshLead();
    stack.sims.claude.script('messages', ['stream_error']);
    failure(await collect(claudeFor(stack).generateStream(request)));

    const again = completedContent(await collect(claudeFor(stack).generateStream(request)));

    expect(again.cached).toBe(false);
    expect(claudeCalls()).toBe(2);
  });

  it('When the generation names another model or attachment, then it is another entry', () => {
    const identity = { callerId: 'c', model: 'claude-sonnet-4-6', request: LEAD_REQUEST };
    const key = contentCacheKey(identity);

    expect(contentCacheKey({ ...identity, model: 'claude-haiku-4-5' })).not.toBe(key);
    expect(contentCacheKey({ ...identity, request: { ...LEAD_REQUEST, attachments: [{ fileId: 'file_1', kind: 'document' }] } })).not.toBe(key);
    expect(contentCacheKey({ ...identity, request: { ...LEAD_REQUEST, systemPrompt: 'Be brief.' } })).not.toBe(key);
    expect(contentCacheKey({ ...identity, callerId: 'd' })).not.toBe(key);
    expect(contentCacheKey(identity)).toBe(key);
  });
});

describe('MemoryCacheStore with a bound', () => {
  it('When an entry is older than its TTL, then it is gone; when the store is full, then the least recently used goes first', async () => {
    let now = 0;
    const store = new MemoryCacheStore<string>(() => now, 2);
    await store.set('a', 'A', 100);
    await store.set('b', 'B', 1_000);
    expect(await store.get('a')).toBe('A'); // a is now the most recently used
    await store.set('c', 'C', 1_000);

    expect(await store.get('b')).toBeUndefined();
    expect(store.size).toBe(2);
    now = 100;
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toBe('C');
  });
});

describe('PROMPT_TEMPLATE_VERSION', () => {
  it('When the prompt template changes, then this fingerprint changes: bump PROMPT_TEMPLATE_VERSION with it, so no stale copy is served', () => {
    const request = { lead: { email: 'x@example.com', firstName: 'X' }, prompt: 'Guidance.' };
    const prompts = [buildPrompt(request), ...splitSequence(3).map((part) => buildPrompt(request, part))];
    const fingerprint = createHash('sha256').update(JSON.stringify(prompts)).digest('hex').slice(0, 16);

    expect({ version: PROMPT_TEMPLATE_VERSION, fingerprint }).toEqual({ version: 1, fingerprint: '682cc49e2eea6ebe' });
  });
});
