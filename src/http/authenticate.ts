import type { RequestHandler } from 'express';
import { AuthenticationFailed, createAuthenticator } from '../auth/authenticator';
import type { Config } from '../config';
import type { Caller } from '../auth/caller';
import { currentRequestContext } from '../logging/request-context';
import { sendGraphQLError } from './json-errors';
import { isLandingPageRequest } from './landing-page';

/**
 * Resolves the caller before Apollo runs, so a refused request costs no parsing and no upstream call.
 * Anonymous callers (AUTH_MODE=none) are identified by their address, which per-client limits key on.
 */
export function authenticate(config: Config): RequestHandler {
  const authenticator = createAuthenticator(config.auth);
  return async (req, res, next) => {
    // The development Sandbox page is static HTML; the operations it sends carry the credentials.
    if (isLandingPageRequest(req, config.isProduction)) return next();
    try {
      const caller: Caller = (await authenticator(req.get('authorization'))) ?? { id: `ip:${req.ip}`, kind: 'anonymous' };
      res.locals.caller = caller;
      const requestContext = currentRequestContext();
      if (requestContext) requestContext.caller = caller.id;
      next();
    } catch (error) {
      if (!(error instanceof AuthenticationFailed)) return next(error);
      res.set('www-authenticate', 'Bearer');
      sendGraphQLError(req, res, 401, 'UNAUTHENTICATED', error.message);
    }
  };
}
