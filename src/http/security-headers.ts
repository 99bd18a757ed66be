import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';
import { isLandingPageRequest } from './landing-page';

/** What the embedded Apollo Sandbox page loads (Apollo's documented CSP for the landing page). */
const SANDBOX_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'apollo-server-landing-page.cdn.apollographql.com'],
    scriptSrc: ["'self'", "'unsafe-inline'", 'https:'],
    styleSrc: ["'self'", "'unsafe-inline'", 'https:'],
    fontSrc: ["'self'", 'https:', 'data:'],
    manifestSrc: ["'self'", 'apollo-server-landing-page.cdn.apollographql.com'],
    frameSrc: ["'self'", 'sandbox.embed.apollographql.com'],
    connectSrc: ["'self'", 'https:'],
  },
};

/**
 * helmet's strict defaults everywhere; the relaxed policy only for the development Sandbox page
 * (GET /graphql asking for HTML, with nothing to execute), which production does not serve at all. A request
 * that can execute an operation never gets the relaxed policy.
 */
export function securityHeaders(config: Config): RequestHandler {
  const strict = helmet();
  if (config.isProduction) return strict;
  const sandbox = helmet({ contentSecurityPolicy: SANDBOX_CSP, crossOriginEmbedderPolicy: false });
  return (req, res, next) => {
    const sandboxPage = req.path === '/graphql' && isLandingPageRequest(req, config.isProduction);
    return (sandboxPage ? sandbox : strict)(req, res, next);
  };
}
