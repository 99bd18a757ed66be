import type { ServerResponse } from 'node:http';
import { resetSocket } from '../shared/transport-faults';
import { type GeneratedMessage, messageJson } from './message';
import type { SseQuirk } from './options';
import { countTokens } from './tokens';

/** How a faulted stream breaks off partway through the text deltas. */
export type StreamBreak = 'error_event' | 'truncate' | 'garbage' | 'reset';

/** Claude's pace in the simulator's token count; 0 for either means no pacing. */
export interface Pace {
  ttftMs: number;
  tokensPerSecond: number;
}

export interface StreamPlan {
  message: GeneratedMessage;
  chunkChars: number;
  eventDelayMs: number;
  pace: Pace;
  quirk: SseQuirk;
  breakOff?: StreamBreak;
  /** The share of the deltas sent before a planned break. */
  breakAfter: number;
}

/** What a stream got out before it ended: all of it (`completed`), or what was written when the client left. */
export interface StreamReport {
  completed: boolean;
  textChars: number;
  textTokens: number;
}

interface PlannedEvent {
  wire: string;
  /** Wait before writing it. */
  pauseMs: number;
  /** The copy it carries (text deltas). */
  text?: string;
}

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

function chunks(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + size);
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) end++; // keep surrogate pairs whole
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** What follows the last delta of a broken stream; truncate and reset send nothing more. */
function breakTail(breakOff: StreamBreak): string | undefined {
  if (breakOff === 'error_event') return event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
  if (breakOff === 'garbage') {
    return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n';
  }
  return undefined;
}

/** How long writing `text` takes at `pace` (0 without pacing). */
export function writingMs(text: string, pace: Pace): number {
  return pace.tokensPerSecond > 0 ? (countTokens(text) * 1000) / pace.tokensPerSecond : 0;
}

/**
 * The documented event order: message_start, content_block_start, ping, content_block_delta × n,
 * content_block_stop, message_delta (cumulative usage), message_stop. At a pace, the first delta comes `ttftMs`
 * after message_start and each later event when the text before it would have been written. A planned break
 * cuts the stream after `breakAfter` of the deltas, which is when real streams fail: after the 200 and usually
 * after some text.
 */
function planEvents(plan: StreamPlan): { events: PlannedEvent[]; tail: string | undefined } {
  const { message, pace } = plan;
  const deltas = message.text === undefined ? [] : chunks(message.text, plan.chunkChars);
  const events: PlannedEvent[] = [];
  const push = (wire: string, pauseMs = 0, text?: string) => events.push({ wire, pauseMs: pauseMs + plan.eventDelayMs, text });
  if (plan.quirk === 'event_before_message_start') {
    push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: '' } }));
  }
  push(event('message_start', { message: messageJson(message, 'start') }));
  if (message.text !== undefined) push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  push(event('ping', {}));
  if (plan.quirk === 'unknown_event') push(event('message_annotation', { note: 'clients must ignore this' }));

  const sent = plan.breakOff ? deltas.slice(0, Math.floor(deltas.length * plan.breakAfter)) : deltas;
  let previous: string | undefined;
  for (const text of sent) {
    push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }), previous === undefined ? pace.ttftMs : writingMs(previous, pace), text);
    previous = text;
  }
  const lastWrite = previous === undefined ? 0 : writingMs(previous, pace);
  if (plan.breakOff) return { events, tail: breakTail(plan.breakOff) };
  if (message.text !== undefined) push(event('content_block_stop', { index: 0 }), lastWrite);
  push(
    event('message_delta', {
      delta: { stop_reason: message.stopReason, stop_sequence: message.stopSequence },
      usage: { output_tokens: message.outputTokens },
    }),
  );
  push(event('message_stop', {}));
  return { events, tail: undefined };
}

/** Writes the stream at its pace and stops as soon as the client hangs up; reports how much copy got out. */
export async function streamMessage(
  res: ServerResponse,
  plan: StreamPlan,
  pause: (ms: number) => Promise<boolean> | boolean,
): Promise<StreamReport> {
  const { events, tail } = planEvents(plan);
  const report: StreamReport = { completed: false, textChars: 0, textTokens: 0 };
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  // Without pauses the whole stream is a single write; with them, each event waits its turn.
  const paced = events.some((e) => e.pauseMs > 0);
  const writes = paced ? events : [{ wire: events.map((e) => e.wire).join(''), pauseMs: 0, text: events.map((e) => e.text ?? '').join('') }];
  for (const [index, { wire, pauseMs, text }] of writes.entries()) {
    if (pauseMs > 0 && !(await pause(pauseMs))) return report;
    if (res.destroyed) return report;
    if (text) {
      report.textChars += text.length;
      report.textTokens += countTokens(text);
    }
    if (plan.breakOff === 'reset' && index === writes.length - 1) {
      res.write(wire, () => resetSocket(res));
      return { ...report, completed: true };
    }
    res.write(wire);
  }
  res.end(tail);
  return { ...report, completed: true };
}
