import Anthropic from '@anthropic-ai/sdk';
import type { ClaudeConfig } from '../../config';
import { logger } from '../../logging/logger';

/**
 * The key is missing only in development when nothing pointed the config at the simulator (which brings its own
 * key). The SDK still gets an explicit value: given none, it would read ANTHROPIC_API_KEY itself and then look
 * for credential files on disk. With this one, a call fails plainly as unauthenticated.
 */
const MISSING_API_KEY = 'no-anthropic-api-key-configured';

/** The process-wide SDK client, built once with the other singletons and shared by every request. */
export function createClaudeSdk(config: ClaudeConfig): Anthropic {
  return new Anthropic({
    apiKey: config.apiKey ?? MISSING_API_KEY,
    baseURL: config.baseUrl,
    // The BFF owns retries: SDK retries would stack under ours and skip the quota gate.
    maxRetries: 0,
    timeout: config.attemptTimeoutMs,
    // SDK messages go through our redacting logger, not the console; an explicit level also keeps the
    // ANTHROPIC_LOG variable from turning on its debug output, which prints request bodies.
    logger: logger.child({ component: 'claude-sdk' }),
    logLevel: 'warn',
  });
}
