/**
 * The address rules the server applies before anything reaches Woodpecker (dot-atom local part, dotted
 * domain, a letter or xn-- top-level label), checked here so a CSV's bad rows are reported at import.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function isValidEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (value.length > 254 || at <= 0 || at > 64) return false;
  const labels = value.slice(at + 1).split('.');
  return (
    LOCAL.test(value.slice(0, at)) &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1] ?? '')
  );
}

/** How two addresses are compared (duplicates): the user's spelling is what gets sent. */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}
