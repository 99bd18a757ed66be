import { z } from 'zod';
import { flag, optionalHttpUrl, optionalText, refuser, secret } from '../variable-kinds';
import { runtimeVariables } from './runtime';

const variables = z.object({
  ...runtimeVariables,
  AUTH_MODE: z
    .enum(['none', 'token', 'jwt'])
    .default('none')
    .describe('how callers prove who they are: anonymous, static bearer tokens, or JWTs; production refuses none'),
  ALLOW_ANONYMOUS: flag(false).describe('lets production run with AUTH_MODE=none (when a gateway in front authenticates)'),
  AUTH_TOKENS: secret().describe(
    'token mode: name1:token1,name2:token2 (tokens of at least 16 characters; the name is the caller)',
  ),
  AUTH_JWT_SECRET: secret().describe('jwt mode: an HS256 secret of at least 32 characters; set this or AUTH_JWKS_URL'),
  AUTH_JWKS_URL: optionalHttpUrl()
    .describe('jwt mode: the key set (RS256, ES256, PS256, EdDSA); set this or AUTH_JWT_SECRET')
    .meta({ examples: ['https://id.example.com/.well-known/jwks.json'] }),
  AUTH_JWT_ISSUER: optionalText().describe('jwt mode: the required iss claim (unset: not checked; production requires it)'),
  AUTH_JWT_AUDIENCE: optionalText().describe('jwt mode: the required aud claim (unset: not checked; production requires it)'),
  AUTH_JWT_IDENTITY_CLAIM: z.string().default('sub').describe('jwt mode: the claim that names the caller'),
});

type AuthEnv = z.output<typeof variables>;
type Refuse = ReturnType<typeof refuser>;

const TOKEN_ENTRY = /^([A-Za-z0-9_.@-]{1,64}):(\S{16,})$/;

function parseTokens(raw: string | undefined, refuse: Refuse): { name: string; token: string }[] {
  const entries = (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const tokens: { name: string; token: string }[] = [];
  entries.forEach((entry, i) => {
    const match = TOKEN_ENTRY.exec(entry);
    if (match?.[1] && match[2]) tokens.push({ name: match[1], token: match[2] });
    else refuse('AUTH_TOKENS', `entry ${i + 1} must be name:token with a token of at least 16 characters`);
  });
  if (entries.length === 0) refuse('AUTH_TOKENS', 'required when AUTH_MODE=token (name1:token1,name2:token2)');
  return tokens;
}

/** Typed as optional, so a JWT config built by hand (as tests do) names only the checks it uses. */
const whenSet = <T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } => values;

function jwtConfig(env: AuthEnv, refuse: Refuse) {
  if (!env.AUTH_JWT_SECRET === !env.AUTH_JWKS_URL) refuse('AUTH_JWT_SECRET / AUTH_JWKS_URL', 'set exactly one of them');
  if (env.AUTH_JWT_SECRET && env.AUTH_JWT_SECRET.length < 32) {
    refuse('AUTH_JWT_SECRET', 'an HS256 secret needs at least 32 characters');
  }
  if (env.NODE_ENV === 'production' && !(env.AUTH_JWT_ISSUER && env.AUTH_JWT_AUDIENCE)) {
    refuse('AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE', 'production requires both, so only tokens issued for this API are accepted');
  }
  return {
    mode: 'jwt' as const,
    ...whenSet({
      secret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
    }),
    /** The claim that names the caller (default `sub`). */
    identityClaim: env.AUTH_JWT_IDENTITY_CLAIM,
  };
}

function authConfig(env: AuthEnv, refuse: Refuse) {
  switch (env.AUTH_MODE) {
    case 'none':
      return { mode: 'none' as const };
    case 'token':
      return { mode: 'token' as const, tokens: parseTokens(env.AUTH_TOKENS, refuse) };
    case 'jwt':
      return jwtConfig(env, refuse);
  }
}

export const auth = variables
  .transform((env, ctx) => {
    const refuse = refuser(ctx);
    if (env.AUTH_MODE === 'none' && env.NODE_ENV === 'production' && !env.ALLOW_ANONYMOUS) {
      refuse('AUTH_MODE', 'production refuses "none"; set AUTH_MODE=token or jwt (or ALLOW_ANONYMOUS=true)');
    }
    return { auth: authConfig(env, refuse) };
  })
  .meta({
    title: 'Authentication',
    description:
      'Every GraphQL request names its caller; per-client rate limits and usage are counted per caller. ' +
      'Anonymous callers share one identity per client address.',
  });
