/** Who is calling: resolved by the auth step before any operation runs. */
export interface Caller {
  /** Stable identity for limits, logs and usage: a token name, a JWT subject, or `ip:<address>`. */
  id: string;
  kind: 'token' | 'jwt' | 'anonymous';
}
