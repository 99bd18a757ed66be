/**
 * Email checks shared by validation and the Woodpecker export. "Practical RFC 5322": the dot-atom form that
 * real mailboxes use, without quoted local parts, comments or IP-literal domains, which no sales lead has and
 * which Woodpecker would reject anyway.
 */

const MAX_EMAIL_CHARS = 254; // RFC 5321 path limit minus the angle brackets
const MAX_LOCAL_CHARS = 64;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** A top-level domain is letters, or an IDNA `xn--` label; never all digits (that would be an IP address). */
const TOP_LEVEL_LABEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** True for `local@domain.tld` with no whitespace anywhere; the caller trims first if it wants to. */
export function isValidEmail(value: string): boolean {
  if (value.length > MAX_EMAIL_CHARS) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  const topLevel = labels[labels.length - 1];
  return (
    local.length <= MAX_LOCAL_CHARS &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    topLevel !== undefined &&
    TOP_LEVEL_LABEL.test(topLevel)
  );
}

/** The form used to compare addresses (duplicates, lookups). Never sent upstream in place of the user's spelling. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}
