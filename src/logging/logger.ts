import winston from 'winston';
import type Transport from 'winston-transport';
import { currentRequestContext } from './request-context';
import { redactField } from './redact';

export type LogLevel = 'error' | 'warn' | 'info' | 'http' | 'verbose' | 'debug' | 'silly';

/**
 * Drops a line below the logger's level before anything formats it. Winston filters by level only in its
 * transports, after the whole format chain (context, redaction, JSON) has run; this keeps a disabled debug
 * line on the hot path down to one comparison.
 */
const enabledLevelsOnly = winston.format((info) => logger.levels[info.level]! <= logger.levels[logger.level]! && info);

/** Adds the request id, caller and operation from the async context to every line, wherever it is written. */
const withRequestContext = winston.format((info) => {
  const ctx = currentRequestContext();
  if (ctx) {
    info.requestId ??= ctx.requestId;
    if (ctx.caller) info.caller ??= ctx.caller;
    if (ctx.operationName) info.operation ??= ctx.operationName;
  }
  return info;
});

/** Redaction is part of the logger, not of call sites: nothing reaches a transport unredacted. */
const redactFields = winston.format((info) => {
  const fields = info as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (key !== 'level') fields[key] = redactField(key, fields[key]);
  return info;
});

const pretty = winston.format.printf(({ timestamp, level, message, requestId, ...rest }) => {
  const fields = Object.entries(rest)
    .filter(([k]) => k !== 'service')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${String(timestamp)} ${level} ${requestId ? `[${String(requestId)}] ` : ''}${String(message)}${fields ? ` ${fields}` : ''}`;
});

function formatFor(kind: 'json' | 'pretty'): winston.Logform.Format {
  return winston.format.combine(
    enabledLevelsOnly(),
    withRequestContext(),
    redactFields(),
    winston.format.timestamp(),
    kind === 'json' ? winston.format.json() : winston.format.combine(winston.format.colorize(), pretty),
  );
}

/** The process-wide root logger. Components take `logger.child({ component })`. */
export const logger = winston.createLogger({
  level: 'info',
  defaultMeta: { service: 'outreach-bff' },
  format: formatFor('pretty'),
  transports: [new winston.transports.Console({ stderrLevels: ['error'] })],
});

export function configureLogger(options: { level: LogLevel; format: 'json' | 'pretty'; silent?: boolean }): void {
  logger.level = options.level;
  logger.format = formatFor(options.format);
  for (const transport of logger.transports) transport.silent = options.silent ?? false;
}

/** Lets tests (and operators embedding the app) see exactly what the transports receive. */
export function addLogTransport(transport: Transport): () => void {
  logger.add(transport);
  return () => logger.remove(transport);
}

/** An error with its cause chain, for the one log line an unexpected failure gets. */
export function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  const described: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 5) described.cause = describeError(cause, depth + 1);
  return described;
}
