import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AuthenticationFailed, createAuthenticator } from '../authenticator';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);

function hs256(claims: Record<string, unknown>, options: { expiresIn?: string; issuer?: string; audience?: string } = {}) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.expiresIn) jwt = jwt.setExpirationTime(options.expiresIn);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(key);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationFailed);
  return (error as Error).message;
}

describe('token authentication', () => {
  const authenticate = createAuthenticator({
    mode: 'token',
    tokens: [
      { name: 'web-app', token: 'tok-web-0123456789abcdef' },
      { name: 'ops', token: 'tok-ops-0123456789abcdef' },
    ],
  });

  it('When a known bearer token is sent, then its name is the caller identity', async () => {
    await expect(authenticate('Bearer tok-ops-0123456789abcdef')).resolves.toEqual({ id: 'ops', kind: 'token' });
  });

  it('When the header is missing, malformed or the token unknown, then the request is refused', async () => {
    expect(await refusal(authenticate(undefined))).toMatch(/Authorization: Bearer/);
    expect(await refusal(authenticate('Basic dXNlcjpwYXNz'))).toMatch(/Authorization: Bearer/);
    expect(await refusal(authenticate('Bearer tok-web-0123456789abcdeX'))).toBe('The token is not valid.');
  });
});

describe('JWT authentication (HS256)', () => {
  const authenticate = createAuthenticator({
    mode: 'jwt',
    secret: SECRET,
    issuer: 'https://auth.example',
    audience: 'outreach-bff',
    identityClaim: 'sub',
  });
  const valid = { expiresIn: '5m', issuer: 'https://auth.example', audience: 'outreach-bff' };

  it('When the token is valid, then the subject is the caller', async () => {
    await expect(authenticate(`Bearer ${await hs256({ sub: 'user-42' }, valid)}`)).resolves.toEqual({ id: 'user-42', kind: 'jwt' });
  });

  it('When the token has expired, then it is refused as expired', async () => {
    const expired = await hs256({ sub: 'user-42', exp: Math.floor(Date.now() / 1000) - 60 }, { ...valid, expiresIn: undefined });
    expect(await refusal(authenticate(`Bearer ${expired}`))).toBe('The token has expired.');
  });

  it('When the audience or issuer is wrong, then it is refused', async () => {
    const wrongAudience = await hs256({ sub: 'u' }, { ...valid, audience: 'another-api' });
    const wrongIssuer = await hs256({ sub: 'u' }, { ...valid, issuer: 'https://evil.example' });
    expect(await refusal(authenticate(`Bearer ${wrongAudience}`))).toBe('The token was not issued for this API.');
    expect(await refusal(authenticate(`Bearer ${wrongIssuer}`))).toBe('The token was not issued for this API.');
  });

  it('When the signature is forged or the subject missing, then it is refused', async () => {
    const forged = await new SignJWT({ sub: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(valid.issuer)
      .setAudience(valid.audience)
      .sign(new TextEncoder().encode('another-secret-that-is-also-long-enough!!'));
    expect(await refusal(authenticate(`Bearer ${forged}`))).toBe('The token is not valid.');
    expect(await refusal(authenticate(`Bearer ${await hs256({}, valid)}`))).toBe('The token has no "sub" claim.');
  });

  it('When the token has no expiry, then it is refused: a token without exp would be valid forever', async () => {
    const forever = await hs256({ sub: 'user-42' }, { ...valid, expiresIn: undefined });
    expect(await refusal(authenticate(`Bearer ${forever}`))).toBe('The token has no expiry (exp claim).');
  });

  it('When the token uses "alg: none", then it is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'admin', iss: valid.issuer, aud: valid.audience })).toString('base64url');
    expect(await refusal(authenticate(`Bearer ${header}.${body}.`))).toBe('The token is not valid.');
  });
});

describe('JWT authentication (JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('When a token is signed by a key in the JWKS, then the configured identity claim names the caller', async () => {
    const authenticate = createAuthenticator({ mode: 'jwt', jwksUrl, audience: 'outreach-bff', identityClaim: 'email' });
    const token = await new SignJWT({ email: 'sales-team' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setAudience('outreach-bff')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({ id: 'sales-team', kind: 'jwt' });
  });

  it('When a JWKS-signed token has no expiry, then it is refused', async () => {
    const authenticate = createAuthenticator({ mode: 'jwt', jwksUrl, audience: 'outreach-bff', identityClaim: 'sub' });
    const forever = await new SignJWT({ sub: 'sales-team' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setAudience('outreach-bff').sign(privateKey);
    expect(await refusal(authenticate(`Bearer ${forever}`))).toBe('The token has no expiry (exp claim).');
  });
});
