import { createHash } from 'node:crypto';

/**
 * Names an upstream account in Redis keys without putting its API key there: two keys never share state
 * (a slot, a budget, a cached list), and a dump of Redis reveals no credential.
 */
export function apiKeyHash(apiKey: string | undefined): string {
  return createHash('sha256')
    .update(apiKey ?? '')
    .digest('hex')
    .slice(0, 16);
}
