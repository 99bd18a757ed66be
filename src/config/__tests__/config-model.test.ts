import { ConfigError, loadConfig } from '..';
import { concerns } from '../model';

function problemsOf(env: Record<string, string>): string[] {
  const error: unknown = (() => {
    try {
      return loadConfig(env);
    } catch (thrown) {
      return thrown;
    }
  })();
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('one model per concern', () => {
  it('When PORT is not a number and CLAUDE_MODEL is outside the allow-list, then both concerns report in the same error', () => {
    expect(problemsOf({ PORT: 'abc', CLAUDE_MODEL: 'claude-x', CLAUDE_ALLOWED_MODELS: 'claude-a' })).toEqual([
      'CLAUDE_MODEL: "claude-x" is not in CLAUDE_ALLOWED_MODELS',
      'PORT: Invalid input: expected number, received NaN',
    ]);
  });

  it('When production lacks auth and the retry delays are inverted, then the rules of both concerns are reported together', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ANTHROPIC_API_KEY: 'k1-abcdef',
      WOODPECKER_API_KEY: 'k2-abcdef',
      METRICS_TOKEN: 'metrics-token-0123456789',
      RETRY_BASE_DELAY_MS: '100',
      RETRY_MAX_DELAY_MS: '50',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'AUTH_MODE: production refuses "none"; set AUTH_MODE=token or jwt (or ALLOW_ANONYMOUS=true)',
      'RETRY_MAX_DELAY_MS: must be at least RETRY_BASE_DELAY_MS',
      'LOG_LEVEL: Invalid option: expected one of "error"|"warn"|"info"|"http"|"verbose"|"debug"|"silly"',
    ]);
  });

  it('When NODE_ENV is misspelt, then it is reported once although several concerns read it', () => {
    expect(problemsOf({ NODE_ENV: 'prod' })).toEqual(['NODE_ENV: Invalid option: expected one of "development"|"production"|"test"']);
  });

  it('When each concern parses the environment on its own, then their parts side by side are exactly the nested config', () => {
    const env = {
      NODE_ENV: 'test',
      ANTHROPIC_API_KEY: 'k1-abcdef',
      REDIS_URL: 'redis://127.0.0.1:6379',
      AUTH_MODE: 'token',
      AUTH_TOKENS: 'web:0123456789abcdef',
      OPERATOR_CALLERS: 'web',
    };
    const parts = Object.values(concerns).map((model) => model.parse(env));
    const keys = parts.flatMap((part) => Object.keys(part));
    const config = loadConfig(env);
    expect(keys).toHaveLength(new Set(keys).size);
    expect([...keys].sort()).toEqual(Object.keys(config).sort());
    expect(Object.assign({}, ...parts)).toEqual(config);
    expect(concerns.claude.parse(env)).toEqual({ claude: expect.objectContaining({ apiKey: 'k1-abcdef', maxTokens: 2048 }) });
  });

  it('When a variable is read by several concerns, then they all hold the one schema that describes it', () => {
    const byName = new Map<string, unknown[]>();
    for (const model of Object.values(concerns)) {
      for (const [name, schema] of Object.entries(model.in.shape)) byName.set(name, [...(byName.get(name) ?? []), schema]);
    }
    const shared = [...byName].filter(([, schemas]) => schemas.length > 1);
    expect(shared.map(([name]) => name)).toEqual(expect.arrayContaining(['NODE_ENV', 'ANTHROPIC_API_KEY', 'WOODPECKER_API_KEY']));
    for (const [, [first, ...others]] of shared) for (const other of others) expect(other).toBe(first);
  });
});
