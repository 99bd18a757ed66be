import type { ClaudeSimulator } from '../claude/server';
import type { WoodpeckerSimulator } from '../woodpecker/server';

/** A prompt carrying the lead the way the BFF does: JSON inside delimiters. */
export const LEAD_PROMPT =
  'Prospect data:\n<lead_data>\n{"firstName": "Anna", "company": "Northwind Analytics", "industry": "SaaS", "title": "VP Sales"}\n</lead_data>\nWrite the 7-touch sequence.';

export function messageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: LEAD_PROMPT }], ...overrides };
}

/** A raw Messages API call, for what the SDK would hide (exact bodies, headers, broken responses). */
export function postClaude(
  sim: ClaudeSimulator,
  body: unknown,
  options: { path?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${sim.url}${options.path ?? '/v1/messages'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': sim.apiKey, 'anthropic-version': '2023-06-01', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  });
}

export function callWoodpecker(sim: WoodpeckerSimulator, pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.url}${pathAndQuery}`, {
    ...init,
    headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
}

export function addProspects(sim: WoodpeckerSimulator, body: unknown, signal?: AbortSignal): Promise<Response> {
  return callWoodpecker(sim, '/v1/add_prospects_campaign', { method: 'POST', body: JSON.stringify(body), signal });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
