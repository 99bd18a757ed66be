import type { ServerResponse } from 'node:http';
import { resetSocket } from '../shared/transport-faults';
import { type GeneratedMessage, messageJson } from './message';
import type { SseQuirk } from './options';

/** How a faulted stream breaks off halfway through the text deltas. */
export type StreamBreak = 'error_event' | 'truncate' | 'garbage' | 'reset';

export interface StreamPlan {
  message: GeneratedMessage;
  chunkChars: number;
  eventDelayMs: number;
  quirk: SseQuirk;
  breakOff?: StreamBreak;
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

/**
 * The documented event order: message_start, content_block_start, ping, content_block_delta × n,
 * content_block_stop, message_delta (cumulative usage), message_stop. A planned break cuts the stream after
 * half of the deltas, which is when real streams fail: after the 200 and some text are already out.
 */
function planEvents(plan: StreamPlan): { events: string[]; tail: string | undefined } {
  const { message } = plan;
  const deltas = message.text === undefined ? [] : chunks(message.text, plan.chunkChars);
  const events: string[] = [];
  if (plan.quirk === 'event_before_message_start') {
    events.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: '' } }));
  }
  events.push(event('message_start', { message: messageJson(message, 'start') }));
  if (message.text !== undefined) {
    events.push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  }
  events.push(event('ping', {}));
  if (plan.quirk === 'unknown_event') events.push(event('message_annotation', { note: 'clients must ignore this' }));

  const sent = plan.breakOff ? deltas.slice(0, Math.floor(deltas.length / 2)) : deltas;
  for (const text of sent) events.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
  if (plan.breakOff) return { events, tail: breakTail(plan.breakOff) };
  if (message.text !== undefined) events.push(event('content_block_stop', { index: 0 }));
  events.push(
    event('message_delta', {
      delta: { stop_reason: message.stopReason, stop_sequence: message.stopSequence },
      usage: { output_tokens: message.outputTokens },
    }),
    event('message_stop', {}),
  );
  return { events, tail: undefined };
}

/** Writes the stream, pausing between events when asked, and stops as soon as the client hangs up. */
export async function streamMessage(
  res: ServerResponse,
  plan: StreamPlan,
  pause: (ms: number) => Promise<boolean> | boolean,
): Promise<void> {
  const { events, tail } = planEvents(plan);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  // Without a delay the whole stream is a single write; with one, each event waits its turn.
  const writes = plan.eventDelayMs > 0 ? events : [events.join('')];
  for (const [index, text] of writes.entries()) {
    if (plan.eventDelayMs > 0 && !(await pause(plan.eventDelayMs))) return;
    if (plan.breakOff === 'reset' && index === writes.length - 1) {
      res.write(text, () => resetSocket(res));
      return;
    }
    res.write(text);
  }
  res.end(tail);
}
