/**
 * The bearer token for servers that require one (AUTH_MODE=token or jwt). Kept in session storage: it lasts
 * while the tab is open and is never written to local storage with the leads.
 */
const KEY = 'outreach:access-token';

export function readAccessToken(storage: Storage = sessionStorage): string {
  try {
    return storage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function writeAccessToken(token: string, storage: Storage = sessionStorage): void {
  try {
    if (token.trim() === '') storage.removeItem(KEY);
    else storage.setItem(KEY, token.trim());
  } catch {
    // Storage can be disabled (private modes); the token then lasts only for this page.
  }
}

export function authorizationHeaders(token: string): Record<string, string> {
  return token.trim() === '' ? {} : { authorization: `Bearer ${token.trim()}` };
}
