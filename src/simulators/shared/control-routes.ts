import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonReply, parseJsonObject, readBody, sendReply } from './http';

/**
 * The HTTP face of a simulator's knobs, for users in another process (multi-process tests, benchmarks).
 * It lives outside the vendor paths, needs no API key and is never counted, faulted or rate limited.
 */
export const CONTROL_PREFIX = '/__sim/';

export interface Controllable {
  readonly stats: object;
  currentOptions(): object;
  configure(partial: Record<string, unknown>): void;
  script(route: string, outcomes: string[]): void;
  resetStats(): void;
  resetData(): void;
}

export async function serveControlRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  target: Controllable,
): Promise<void> {
  const action = `${req.method ?? 'GET'} ${path.slice(CONTROL_PREFIX.length)}`;
  if (action === 'GET stats') return sendReply(res, jsonReply(200, target.stats));
  if (action === 'GET options') return sendReply(res, jsonReply(200, target.currentOptions()));

  const body = await readBody(req, 1024 * 1024);
  const input = body.kind === 'ok' ? (body.text.trim() === '' ? {} : parseJsonObject(body.text)) : undefined;
  if (!input) return sendReply(res, jsonReply(400, { error: 'expected a JSON object body' }));
  try {
    switch (action) {
      case 'POST configure':
        target.configure(input);
        return sendReply(res, jsonReply(200, target.currentOptions()));
      case 'POST reset':
        target.resetStats();
        if (input.data === true) target.resetData();
        return sendReply(res, jsonReply(200, target.stats));
      case 'POST script':
        if (typeof input.route !== 'string' || !Array.isArray(input.outcomes)) {
          return sendReply(res, jsonReply(400, { error: 'expected {"route": string, "outcomes": string[]}' }));
        }
        target.script(input.route, input.outcomes.map(String));
        return sendReply(res, jsonReply(200, { ok: true }));
      default:
        return sendReply(res, jsonReply(404, { error: `no control route ${action}` }));
    }
  } catch (error) {
    return sendReply(res, jsonReply(400, { error: error instanceof Error ? error.message : String(error) }));
  }
}
