import { createHash } from 'node:crypto';
import { BffError, ErrorCode } from '../../errors';
import { describeError, logger } from '../../logging/logger';
import { maskEmail } from '../../logging/redact';
import { Deadline } from '../shared/deadline';
import { internalError } from '../shared/to-bff-error';
import { BlockStreamParser, type SnippetText } from './block-stream-parser';
import type { ClaudeShared } from './ClaudeAPI';
import { contentCacheKey, type CachedSequence } from './content-cache';
import { EventOrder } from './event-order';
import type { GenerationEvent } from './generation-events';
import { planGeneration, type PlannedPart } from './generation-plan';
import { leadFields } from './lead-fields';
import { messagesCall, type ClaudeReply, type MessageRequest } from './messages-call';
import type { GeneratedContentModel, GenerateContentRequest, Snippets } from './models';
import { parseSequencePart } from './parse-output';
import { reaskInstruction } from './prompt';
import { outputShare, type SequencePart } from './sequence-parts';
import { streamingMessagesCall, type BilledAttempt } from './streaming-call';

const log = logger.child({ component: 'claude' });

const CONTENT_INVALID_MESSAGE = "Claude's answer could not be turned into a 7-step sequence; please try again.";
const CUT_OFF_MESSAGE = "Claude's answer was cut off before the sequence was complete; please try again.";
/** The first answer and one re-ask. */
const MAX_CALLS = 2;
const noCommit = () => {};

export interface GenerationSetup {
  shared: ClaudeShared;
  request: GenerateContentRequest;
  /** Whose generation it is: the content cache is per caller (no caller, no cache), and so is usage. */
  callerId: string | undefined;
  /**
   * Stream mode: text reaches a client as Claude writes it, and the first text shown commits the attempt (no
   * retry, no re-ask after it). The mutation runs with `live` false: nothing is shown, every failure before the
   * answer is retried and an unusable answer is asked again, as it always was.
   */
  live: boolean;
  /** The client's connection: aborting it cancels the generation (a queued call leaves the queue at once). */
  signal: AbortSignal | undefined;
}

type Emit = (event: GenerationEvent) => void;

/** What a generation shares between its parts while it runs. */
interface Run {
  setup: GenerationSetup;
  deadline: Deadline;
  order: EventOrder;
}

interface WrittenPart {
  snippets: Partial<Snippets>;
  blocks: string[];
  replies: ClaudeReply[];
}

/**
 * Runs one generation to its end. It never throws: the last event is exactly one `completed` (validated content,
 * from the cache or from Claude) or `failed` (a BffError and the touches already shown in full); a partial
 * sequence is never `completed` and never cached.
 */
export async function runGeneration(setup: GenerationSetup, emit: Emit): Promise<void> {
  const { shared, request } = setup;
  // The first part to fail stops the others: their text could not complete the sequence any more.
  const stop = new AbortController();
  const deadline = Deadline.after(shared.deadlines.generateMs, setup.signal ? AbortSignal.any([setup.signal, stop.signal]) : stop.signal);
  const plan = planGeneration(shared, request);
  const order = new EventOrder(
    plan.parts.map(({ part }) => part),
    setup.live,
    emit,
  );
  try {
    const key = shared.contentCache && setup.callerId ? contentCacheKey({ callerId: setup.callerId, model: plan.model, request }) : undefined;
    const cached = key && !request.fresh ? await shared.contentCache?.get(key) : undefined;
    if (cached) {
      replay(cached, emit);
      emit({ kind: 'completed', content: contentOf(cached, request, true) });
      return;
    }
    const written = await writeParts({ setup, deadline, order }, plan.parts, stop);
    const sequence = combine(written);
    if (key) await shared.contentCache?.put(key, sequence);
    logGenerated(setup, plan.parts, written, sequence);
    emit({ kind: 'completed', content: contentOf(sequence, request, false) });
  } catch (error) {
    emit({ kind: 'failed', error: asBffError(error), completedSnippets: order.completedSnippets() });
  } finally {
    deadline.dispose();
  }
}

/** Every part at once; the first failure stops the rest and is the generation's failure. */
async function writeParts(run: Run, parts: readonly PlannedPart[], stop: AbortController): Promise<WrittenPart[]> {
  let firstFailure: { error: unknown } | undefined;
  const writing = parts.map((planned, index) =>
    new PartWriter(run, index, planned).write().catch((error: unknown) => {
      firstFailure ??= { error };
      stop.abort();
      throw error;
    }),
  );
  // Wait for all of them, so that what the stopped ones used is settled and recorded before the failure is told.
  const settled = await Promise.allSettled(writing);
  if (firstFailure) throw firstFailure.error;
  return settled.map((result) => (result as PromiseFulfilledResult<WrittenPart>).value);
}

/** A cache hit on the stream: the raw block texts as deltas, then `completed` at once. */
function replay(cached: CachedSequence, emit: Emit): void {
  emit({ kind: 'started', model: cached.model });
  cached.blocks.forEach((text, i) => emit({ kind: 'delta', snippet: i + 1, text }));
}

function combine(written: readonly WrittenPart[]): CachedSequence {
  const replies = written.flatMap((part) => part.replies);
  // The first part's final answer names the model and the stop reason of the sequence.
  const lead = written[0]!.replies.at(-1)!;
  return {
    snippets: Object.assign({}, ...written.map((part) => part.snippets)) as Snippets,
    blocks: written.flatMap((part) => part.blocks),
    model: lead.model,
    usage: {
      inputTokens: replies.reduce((sum, reply) => sum + reply.usage.inputTokens, 0),
      outputTokens: replies.reduce((sum, reply) => sum + reply.usage.outputTokens, 0),
    },
    stopReason: lead.stopReason ?? undefined,
    generatedAt: new Date().toISOString(),
  };
}

function contentOf(sequence: CachedSequence, request: GenerateContentRequest, cached: boolean): GeneratedContentModel {
  const { snippets, model, usage, stopReason, generatedAt } = sequence;
  return { ...snippets, model, usage, stopReason, generatedAt, cached, ...leadFields(request.lead) };
}

function asBffError(error: unknown): BffError {
  if (error instanceof BffError) return error;
  log.error('generation failed unexpectedly', { error: describeError(error) });
  return internalError(error);
}

/**
 * One part of the sequence (the whole of it, outside parallel mode): its calls, re-ask included, and what they
 * report. Claude's text is parsed a delta at a time into the part's touches; the final answer is parsed whole.
 */
class PartWriter {
  private readonly part: SequencePart;

  constructor(
    private readonly run: Run,
    private readonly index: number,
    private readonly planned: PlannedPart,
  ) {
    this.part = planned.part;
  }

  /**
   * Asks, and after an unusable answer asks once more in the same conversation (Claude sees its answer and what
   * was wrong with it, which fixes a format slip more reliably than a fresh roll), unless the client has seen
   * text of this part: asking again would replace what it is reading. A refusal is final.
   */
  async write(): Promise<WrittenPart> {
    const { order } = this.run;
    const replies: ClaudeReply[] = [];
    let message = this.planned.message;
    for (;;) {
      const { reply, sawBlocks } = await this.ask(message);
      replies.push(reply);
      const answer = parseSequencePart(reply.text, reply.stopReason, this.part.touches);
      if (answer.ok) {
        // A JSON answer has no blocks to follow as it arrives: its touches are shown once it is parsed.
        if (!sawBlocks) order.text(this.index, this.touchesOf(answer.blocks.map((text, i) => ({ snippet: i + 1, text }))), this.part.touches, noCommit);
        order.partDone(this.index);
        return { snippets: answer.snippets, blocks: answer.blocks, replies };
      }
      const shown = order.shown(this.index);
      const askAgain = !shown && answer.reaskable && replies.length < MAX_CALLS;
      log.warn(`unusable answer, ${askAgain ? 'asking again' : 'giving up'}`, {
        problem: answer.problem,
        stopReason: reply.stopReason,
        model: reply.model,
        part: this.part.index,
        shown,
        output: contentField(this.run.setup.shared, reply.text),
      });
      if (!askAgain) {
        if (shown && reply.stopReason === 'max_tokens') throw new BffError(ErrorCode.UPSTREAM_UNAVAILABLE, CUT_OFF_MESSAGE);
        throw new BffError(ErrorCode.CONTENT_INVALID, CONTENT_INVALID_MESSAGE);
      }
      message = withCorrection(this.planned.message, reply.text, answer.problem, this.part);
    }
  }

  /** One Claude call (retried by the runtime until its text is shown); its tokens are accounted to the caller. */
  private async ask(message: MessageRequest): Promise<{ reply: ClaudeReply; sawBlocks: boolean }> {
    const { shared, live } = this.run.setup;
    const { deadline, order } = this.run;
    const inputTokens = await shared.inputTokens.reservationFor(message, deadline.signal);
    const onQueued = ({ position, waitMs }: { position: number; waitMs: number }) => order.queued(this.index, position, waitMs);
    if (!live) {
      const reply = await shared.upstream.execute({ ...messagesCall(shared.sdk, message, inputTokens), onQueued }, deadline);
      this.record({ model: reply.model, ...reply.usage });
      return { reply, sawBlocks: true };
    }
    let parser = new BlockStreamParser();
    const timing = { attemptAt: 0, firstTextAt: 0, lastTextAt: 0 };
    const closed = () => parser.completedSnippets().flatMap((snippet) => this.touchOf(snippet) ?? []);
    const call = streamingMessagesCall(shared.sdk, message, inputTokens, {
      onQueued,
      onAttempt: () => {
        timing.attemptAt = Date.now();
        timing.firstTextAt = 0;
      },
      onStart: (model) => {
        parser = new BlockStreamParser();
        order.attemptStarted(this.index, model);
      },
      onText: (text, commit) => {
        timing.lastTextAt = Date.now();
        timing.firstTextAt ||= timing.lastTextAt;
        order.text(this.index, this.touchesOf(parser.push(text)), closed(), commit);
      },
      onBilled: (billed) => this.record(billed),
    });
    const reply = await shared.upstream.execute(call, deadline);
    order.text(this.index, this.touchesOf(parser.end()), closed(), noCommit);
    shared.pace.learn({
      ttftMs: timing.firstTextAt - timing.attemptAt,
      writingMs: timing.lastTextAt - timing.firstTextAt,
      outputTokens: reply.usage.outputTokens,
      share: outputShare(this.part),
    });
    return { reply, sawBlocks: parser.sawBlocks };
  }

  /**
   * The part's block k is touch `touches[k - 1]` of the sequence. Blocks beyond the part's touches are not shown:
   * such an answer fails the final parse anyway.
   */
  private touchesOf(texts: readonly SnippetText[]): SnippetText[] {
    return texts.flatMap(({ snippet, text }) => {
      const touch = this.touchOf(snippet);
      return touch === undefined ? [] : [{ snippet: touch, text }];
    });
  }

  private touchOf(block: number): number | undefined {
    return this.part.touches[block - 1];
  }

  private record(billed: Pick<BilledAttempt, 'model'> & ClaudeReply['usage']): void {
    const { shared, callerId } = this.run.setup;
    shared.usage?.recordClaudeCall({ model: billed.model, inputTokens: billed.inputTokens, outputTokens: billed.outputTokens, caller: callerId });
  }
}

/**
 * The re-ask: the first answer as the assistant turn, then a corrective user turn restating the contract.
 * An empty answer cannot be an assistant turn (the API rejects empty content), so that one is asked afresh.
 */
function withCorrection(request: MessageRequest, previousText: string, problem: string, part: SequencePart): MessageRequest {
  const previous = previousText.trim();
  if (!previous) return request;
  return {
    ...request,
    messages: [...request.messages, { role: 'assistant', content: previous }, { role: 'user', content: reaskInstruction(problem, part) }],
  };
}

function logGenerated(setup: GenerationSetup, parts: readonly PlannedPart[], written: readonly WrittenPart[], sequence: CachedSequence): void {
  const { shared, request } = setup;
  const prompts = parts.map(({ message }) => message.system + JSON.stringify(message.messages)).join('');
  log.info('sequence generated', {
    lead: maskEmail(request.lead.email),
    model: sequence.model,
    calls: written.reduce((sum, part) => sum + part.replies.length, 0),
    parts: parts.length,
    ...sequence.usage,
    prompt: contentField(shared, prompts),
    output: contentField(shared, sequence.blocks.join('\n')),
  });
}

interface ContentField {
  chars: number;
  sha256: string;
  text?: string;
}

/** Prompts and copy are logged only as their length and a short hash, unless LOG_CONTENT opts in (development only). */
function contentField(shared: ClaudeShared, text: string): ContentField {
  const field = { chars: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 12) };
  return shared.logContent ? { ...field, text } : field;
}
