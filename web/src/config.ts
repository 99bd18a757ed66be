/** Where the BFF lives, fixed at build time (`VITE_BFF_URL`); the browser talks to nothing else. */
export const BFF_URL: string = (import.meta.env.VITE_BFF_URL || 'http://localhost:4000').replace(/\/+$/, '');

export const endpoints = {
  graphql: `${BFF_URL}/graphql`,
  /** graphql-sse (distinct connections mode) for subscriptions. */
  stream: `${BFF_URL}/graphql/stream`,
  attachments: `${BFF_URL}/attachments`,
} as const;
