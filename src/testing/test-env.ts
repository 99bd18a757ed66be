/**
 * Environment for tests: real limits and pipeline, but tiny backoffs and cool-downs so fault and quota
 * scenarios run in milliseconds. Tests override what they are about.
 */
export const FAST_TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'debug',
  RETRY_BASE_DELAY_MS: '5',
  RETRY_MAX_DELAY_MS: '40',
  CIRCUIT_OPEN_MS: '200',
  CIRCUIT_WINDOW_MS: '2000',
  WOODPECKER_REQUESTS_PER_MINUTE: '0',
  CLAUDE_REQUESTS_PER_MINUTE: '1000',
  CLAUDE_INPUT_TOKENS_PER_MINUTE: '10000000',
  CLAUDE_OUTPUT_TOKENS_PER_MINUTE: '10000000',
  DEADLINE_READ_MS: '5000',
  DEADLINE_GENERATE_MS: '10000',
  WOODPECKER_ATTEMPT_TIMEOUT_MS: '2000',
  CLAUDE_ATTEMPT_TIMEOUT_MS: '5000',
  // Tests count Claude calls: an identical request must reach Claude unless the test is about the content cache.
  CONTENT_CACHE_TTL_SECONDS: '0',
};
