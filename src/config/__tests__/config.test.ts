import { ConfigError, loadConfig } from '..';
import { pointAtSimulators } from '../simulated-upstreams';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('When nothing is set, then development defaults apply and both upstreams are simulated', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.server.port).toBe(4000);
    expect(config.woodpecker.baseUrl).toBe('https://api.woodpecker.co/rest');
    expect(config.woodpecker.limits.maxConcurrency).toBe(1);
    expect(config.woodpecker.batchSize).toBe(50);
    expect(config.woodpecker.campaignCacheTtlMs).toBe(300_000);
    expect(config.simulate).toEqual({ claude: true, woodpecker: true });
    expect(config.log.format).toBe('pretty');
    expect(config.claude.allowSystemPrompt).toBe(true);
  });

  it('When production lacks keys and has several bad values, then one error lists every problem', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'abc', CLAUDE_MAX_TOKENS: '-5', LOG_LEVEL: 'loud' });
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(problems.some((p) => p.startsWith('CLAUDE_MAX_TOKENS'))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL'))).toBe(true);
  });

  it('When production has valid values but no keys and no auth, then every missing piece is reported together', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_MODE: production refuses "none"; set AUTH_MODE=token or jwt (or ALLOW_ANONYMOUS=true)',
      'ANTHROPIC_API_KEY: required in production',
      'WOODPECKER_API_KEY: required in production',
      'METRICS_TOKEN: required in production (at least 16 characters; Prometheus sends it as a bearer token), so /metrics is not public',
    ]);
  });

  it('When production uses JWT auth without an issuer or an audience, then start-up is refused', () => {
    const production = { NODE_ENV: 'production', ANTHROPIC_API_KEY: 'k1-abcdef', WOODPECKER_API_KEY: 'k2-abcdef', METRICS_TOKEN: 'metrics-0123456789abcdef' };
    expect(problemsOf({ ...production, AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'https://id.example/jwks.json' })).toEqual([
      'AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE: production requires both, so only tokens issued for this API are accepted',
    ]);
    expect(
      loadConfig({ ...production, AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'https://id.example/jwks.json', AUTH_JWT_ISSUER: 'https://id.example/', AUTH_JWT_AUDIENCE: 'bff' }).auth,
    ).toMatchObject({ issuer: 'https://id.example/', audience: 'bff' });
  });

  it('When production is fully configured, then nothing is simulated, logs are JSON and prompt overrides are off', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ANTHROPIC_API_KEY: 'k1-abcdef',
      WOODPECKER_API_KEY: 'k2-abcdef',
      AUTH_MODE: 'token',
      AUTH_TOKENS: 'web:0123456789abcdef0123',
      METRICS_TOKEN: 'metrics-0123456789abcdef',
    });
    expect(config.simulate).toEqual({ claude: false, woodpecker: false });
    expect(config.log.format).toBe('json');
    expect(config.claude.allowSystemPrompt).toBe(false);
  });

  it('When the default model is outside the allow-list, or CORS allows any origin, then start-up is refused', () => {
    const problems = problemsOf({ CLAUDE_MODEL: 'claude-x', CLAUDE_ALLOWED_MODELS: 'claude-a,claude-b', CORS_ORIGINS: '*' });
    expect(problems).toEqual([
      'CLAUDE_MODEL: "claude-x" is not in CLAUDE_ALLOWED_MODELS',
      'CORS_ORIGINS: "*" is not allowed (the API accepts credentials); list the origins',
    ]);
  });

  it('When lists and flags are given, then they are parsed', () => {
    const config = loadConfig({ CORS_ORIGINS: ' https://a.example , https://b.example ', LOG_CONTENT: 'yes', TRUST_PROXY: '2' });
    expect(config.server.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.log.content).toBe(true);
    expect(config.server.trustProxy).toBe(2);
  });

  it('When demo mode points at simulators, then only the simulated upstream changes URL and key', () => {
    const config = loadConfig({ WOODPECKER_API_KEY: 'real-woodpecker-key' });
    const pointed = pointAtSimulators(config, {
      claude: { url: 'http://127.0.0.1:1', apiKey: 'sim-c' },
      woodpecker: { url: 'http://127.0.0.1:2/rest', apiKey: 'sim-w' },
    });
    expect(pointed.claude).toMatchObject({ baseUrl: 'http://127.0.0.1:1', apiKey: 'sim-c' });
    expect(pointed.woodpecker).toMatchObject({ baseUrl: 'https://api.woodpecker.co/rest', apiKey: 'real-woodpecker-key' });
  });

  it('When token auth is chosen, then tokens are parsed by name and weak or malformed entries are refused', () => {
    expect(loadConfig({ AUTH_MODE: 'token', AUTH_TOKENS: 'web:0123456789abcdef, ops:fedcba9876543210' }).auth).toEqual({
      mode: 'token',
      tokens: [
        { name: 'web', token: '0123456789abcdef' },
        { name: 'ops', token: 'fedcba9876543210' },
      ],
    });
    expect(problemsOf({ AUTH_MODE: 'token', AUTH_TOKENS: 'web:short,nocolon' })).toEqual([
      'AUTH_TOKENS: entry 1 must be name:token with a token of at least 16 characters',
      'AUTH_TOKENS: entry 2 must be name:token with a token of at least 16 characters',
    ]);
    expect(problemsOf({ AUTH_MODE: 'token' })).toEqual(['AUTH_TOKENS: required when AUTH_MODE=token (name1:token1,name2:token2)']);
  });

  it('When JWT auth is chosen, then exactly one key source is required and HS256 secrets must be long', () => {
    expect(problemsOf({ AUTH_MODE: 'jwt' })).toEqual(['AUTH_JWT_SECRET / AUTH_JWKS_URL: set exactly one of them']);
    expect(problemsOf({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: 'too-short' })).toEqual([
      'AUTH_JWT_SECRET: an HS256 secret needs at least 32 characters',
    ]);
    expect(loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'https://id.example/jwks.json', AUTH_JWT_AUDIENCE: 'bff' }).auth).toMatchObject({
      mode: 'jwt',
      jwksUrl: 'https://id.example/jwks.json',
      audience: 'bff',
      identityClaim: 'sub',
    });
  });
});
