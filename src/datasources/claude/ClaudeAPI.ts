import type Anthropic from '@anthropic-ai/sdk';
import { createHash } from 'node:crypto';
import type { ClaudeConfig, Config, ResilienceConfig } from '../../config';
import { BffError, ErrorCode } from '../../errors';
import { logger } from '../../logging/logger';
import { maskEmail } from '../../logging/redact';
import type { ClaudeUsageRecorder } from '../../usage/usage-accounting';
import { Deadline } from '../shared/deadline';
import type { Upstream } from '../shared/upstream';
import { createClaudeSdk } from './claude-client';
import { InputTokenCounter } from './input-tokens';
import { messagesCall, type ClaudeReply, type MessageRequest } from './messages-call';
import type { GenerateContentRequest, GeneratedContentModel, LeadModel, Snippets } from './models';
import { parseClaudeAnswer } from './parse-output';
import { buildPrompt, reaskInstruction, userContent } from './prompt';

/** The process-wide part of the Claude data source. */
export interface ClaudeShared {
  upstream: Upstream;
  sdk: Anthropic;
  /** How many input tokens the gate reserves per call (count_tokens through its own gate when unsure). */
  inputTokens: InputTokenCounter;
  config: ClaudeConfig;
  deadlines: ResilienceConfig['deadlines'];
  /** LOG_CONTENT (development only): log prompts and copy themselves, not just their length and hash. */
  logContent: boolean;
  /** Told about every successful call (usage accounting); data-source tests leave it out. */
  usage?: ClaudeUsageRecorder;
}

export interface ClaudeSharedExtras {
  usage?: ClaudeUsageRecorder;
  /** The count_tokens runtime; without it, uncertain prompts reserve the upper bound (data-source tests). */
  countTokens?: Upstream;
}

export function createClaudeShared(config: Config, upstream: Upstream, { usage, countTokens }: ClaudeSharedExtras = {}): ClaudeShared {
  const sdk = createClaudeSdk(config.claude);
  return {
    upstream,
    sdk,
    inputTokens: new InputTokenCounter({ sdk, countTokens, inputTokenBudget: config.claude.limits.inputTokensPerMinute }),
    config: config.claude,
    deadlines: config.resilience.deadlines,
    logContent: config.log.content,
    usage,
  };
}

const log = logger.child({ component: 'claude' });

const CONTENT_INVALID_MESSAGE = "Claude's answer could not be turned into a 7-step sequence; please try again.";
/** The first answer and one re-ask. */
const MAX_CALLS = 2;
/** What the app has always shown when a lead has no industry. */
const DEFAULT_INDUSTRY = 'Technology';

/**
 * The Claude data source, built per request over the shared SDK client and upstream runtime. Prompts and copy
 * are logged only as their length and a short hash, unless LOG_CONTENT opts in (development only).
 */
export class ClaudeAPI {
  constructor(
    private readonly shared: ClaudeShared,
    private readonly requestSignal?: AbortSignal,
  ) {}

  /** Writes the 7-touch sequence for one lead, within the generate deadline. */
  async generate(request: GenerateContentRequest): Promise<GeneratedContentModel> {
    const deadline = Deadline.after(this.shared.deadlines.generateMs, this.requestSignal);
    try {
      const prompt = buildPrompt(request);
      const { snippets, replies } = await this.writeSequence(
        {
          model: request.model ?? this.shared.config.defaultModel,
          max_tokens: this.shared.config.maxTokens,
          system: prompt.system,
          messages: [{ role: 'user', content: userContent(prompt.user, request.attachments) }],
        },
        deadline,
      );
      const last = replies[replies.length - 1]!;
      const usage = {
        inputTokens: replies.reduce((sum, r) => sum + r.usage.inputTokens, 0),
        outputTokens: replies.reduce((sum, r) => sum + r.usage.outputTokens, 0),
      };
      log.info('sequence generated', {
        lead: maskEmail(request.lead.email),
        model: last.model,
        calls: replies.length,
        ...usage,
        prompt: this.contentField(prompt.system + prompt.user),
        output: this.contentField(last.text),
      });
      return {
        ...snippets,
        model: last.model,
        usage,
        stopReason: last.stopReason ?? undefined,
        generatedAt: new Date().toISOString(),
        cached: false,
        ...leadFields(request.lead),
      };
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Asks, and after an unusable answer (wrong shape, cut off) asks once more in the same conversation: Claude
   * sees its answer and what was wrong with it, which fixes a format slip more reliably than a fresh roll.
   * A refusal is final. Returns every reply, so usage covers both calls.
   */
  private async writeSequence(initial: MessageRequest, deadline: Deadline): Promise<{ snippets: Snippets; replies: ClaudeReply[] }> {
    const replies: ClaudeReply[] = [];
    let request = initial;
    for (;;) {
      const reply = await this.ask(request, deadline);
      replies.push(reply);
      const answer = parseClaudeAnswer(reply.text, reply.stopReason);
      if (answer.ok) return { snippets: answer.snippets, replies };
      const askAgain = answer.reaskable && replies.length < MAX_CALLS;
      log.warn(`unusable answer, ${askAgain ? 'asking again' : 'giving up'}`, {
        problem: answer.problem,
        stopReason: reply.stopReason,
        model: reply.model,
        output: this.contentField(reply.text),
      });
      if (!askAgain) throw new BffError(ErrorCode.CONTENT_INVALID, CONTENT_INVALID_MESSAGE);
      request = withCorrection(initial, reply.text, answer.problem);
    }
  }

  /** One Claude call; its tokens are accounted to the caller as soon as it succeeds, re-asks included. */
  private async ask(request: MessageRequest, deadline: Deadline): Promise<ClaudeReply> {
    const inputTokens = await this.shared.inputTokens.reservationFor(request, deadline.signal);
    const reply = await this.shared.upstream.execute(messagesCall(this.shared.sdk, request, inputTokens), deadline);
    this.shared.usage?.recordClaudeCall({ model: reply.model, ...reply.usage });
    return reply;
  }

  private contentField(text: string): ContentField {
    return this.shared.logContent ? { ...fingerprint(text), text } : fingerprint(text);
  }
}

/**
 * The re-ask: the first answer as the assistant turn, then a corrective user turn restating the contract.
 * An empty answer cannot be an assistant turn (the API rejects empty content), so that one is asked afresh.
 */
function withCorrection(request: MessageRequest, previousText: string, problem: string): MessageRequest {
  const previous = previousText.trim();
  if (!previous) return request;
  return {
    ...request,
    messages: [...request.messages, { role: 'assistant', content: previous }, { role: 'user', content: reaskInstruction(problem) }],
  };
}

type LeadFields = Pick<GeneratedContentModel, 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'linkedinUrl' | 'industry' | 'tags'>;

function leadFields(lead: LeadModel): LeadFields {
  return {
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    title: lead.title,
    linkedinUrl: lead.linkedinUrl,
    industry: lead.industry || DEFAULT_INDUSTRY,
    tags: lead.tags || tagsFor(lead),
  };
}

/**
 * Woodpecker tags as the app built them (`#Company #Title`), each value without spaces or `#` so it stays one
 * tag. The lead has no department field, so the app's `#Department` part has nothing to come from.
 */
function tagsFor(lead: LeadModel): string | undefined {
  const tags = [lead.company, lead.title].map((value) => value?.replace(/[\s#]+/g, '')).filter(Boolean);
  return tags.length > 0 ? tags.map((tag) => `#${tag}`).join(' ') : undefined;
}

interface ContentField {
  chars: number;
  sha256: string;
  text?: string;
}

/** Enough to tell two texts apart or see that they are the same, without logging them. */
function fingerprint(text: string): ContentField {
  return { chars: text.length, sha256: createHash('sha256').update(text).digest('hex').slice(0, 12) };
}
