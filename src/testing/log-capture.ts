import Transport from 'winston-transport';
import { addLogTransport, configureLogger, type LogLevel } from '../logging/logger';

const MESSAGE = Symbol.for('message');

/** Receives exactly what a log transport would write (the formatted, redacted line). */
class CaptureTransport extends Transport {
  readonly lines: string[] = [];

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    this.lines.push(String(info[MESSAGE]));
    next();
  }
}

export interface LogCapture {
  /** Raw lines as a transport receives them. */
  readonly lines: string[];
  /** Lines parsed as JSON (the logger must be in json format). */
  entries(): Record<string, unknown>[];
  clear(): void;
  stop(): void;
}

export function captureLogs(): LogCapture {
  const transport = new CaptureTransport({ level: 'silly' });
  const remove = addLogTransport(transport);
  return {
    lines: transport.lines,
    entries: () => transport.lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => void transport.lines.splice(0),
    stop: remove,
  };
}

/** For a test file or describe block: JSON lines at `level` (console silent), cleared before each test. */
export function captureLogsForSuite(level: LogLevel = 'debug'): LogCapture {
  configureLogger({ level, format: 'json', silent: true });
  const capture = captureLogs();
  beforeEach(() => capture.clear());
  afterAll(() => capture.stop());
  return capture;
}
