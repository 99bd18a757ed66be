import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config';
import type { Caller } from '../auth/caller';

/** Why a request was refused; the message is safe to show to the client. */
export class AuthenticationFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationFailed';
  }
}

/** Resolves the caller from the `Authorization` header, or undefined when anonymous access is the mode. */
export type Authenticator = (authorization: string | undefined) => Promise<Caller | undefined>;

function bearer(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new AuthenticationFailed('Send an Authorization: Bearer <token> header.');
  return match[1];
}

/** Equal-length digests make the comparison constant-time whatever the token lengths are. */
const digest = (value: string) => createHash('sha256').update(value).digest();

function tokenAuthenticator(tokens: { name: string; token: string }[]): Authenticator {
  const known = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  return async (authorization) => {
    const given = digest(bearer(authorization));
    // Compare against every token, so the time taken does not reveal which (if any) matched.
    let caller: Caller | undefined;
    for (const entry of known) if (timingSafeEqual(entry.digest, given)) caller = { id: entry.name, kind: 'token' };
    if (!caller) throw new AuthenticationFailed('The token is not valid.');
    return caller;
  };
}

type Claims = { issuer?: string; audience?: string };

/** A token without an expiry would be valid forever once leaked; jose checks `exp` only when it is present. */
const REQUIRED_CLAIMS = ['exp'];

function hmacVerifier(secret: string, claims: Claims) {
  const key = new TextEncoder().encode(secret);
  return (token: string) => jwtVerify(token, key, { ...claims, requiredClaims: REQUIRED_CLAIMS, algorithms: ['HS256'] });
}

/** The key set is fetched once and cached by jose (re-fetched when a token names an unknown key id). */
function jwksVerifier(url: string, claims: Claims) {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(url));
  return (token: string) =>
    jwtVerify(token, keys, { ...claims, requiredClaims: REQUIRED_CLAIMS, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] });
}

function jwtAuthenticator(config: Extract<AuthConfig, { mode: 'jwt' }>): Authenticator {
  const claims = { issuer: config.issuer, audience: config.audience };
  const verify = config.secret ? hmacVerifier(config.secret, claims) : jwksVerifier(String(config.jwksUrl), claims);
  return async (authorization) => {
    const token = bearer(authorization);
    try {
      const { payload } = await verify(token);
      const identity = payload[config.identityClaim];
      if (typeof identity !== 'string' || identity === '') {
        throw new AuthenticationFailed(`The token has no "${config.identityClaim}" claim.`);
      }
      return { id: identity, kind: 'jwt' };
    } catch (error) {
      if (error instanceof AuthenticationFailed) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new AuthenticationFailed('The token has expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') {
        throw new AuthenticationFailed('The token has no expiry (exp claim).');
      }
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new AuthenticationFailed('The token was not issued for this API.');
      }
      throw new AuthenticationFailed('The token is not valid.');
    }
  };
}

/** What this auth mode must never let into a log line: every caller token, the HS256 secret. */
export function authSecrets(config: AuthConfig): string[] {
  if (config.mode === 'token') return config.tokens.map((t) => t.token);
  if (config.mode === 'jwt' && config.secret) return [config.secret];
  return [];
}

export function createAuthenticator(config: AuthConfig): Authenticator {
  switch (config.mode) {
    case 'token':
      return tokenAuthenticator(config.tokens);
    case 'jwt':
      return jwtAuthenticator(config);
    case 'none':
      return async () => undefined;
  }
}
