/**
 * The floor of a GraphQL hop: stock Apollo Server 5 + expressMiddleware (defaults, production mode) whose only
 * resolver reads Woodpecker's campaign list with undici (keep-alive pool) and maps it to { id name status },
 * newest first — the BFF's `campaigns` answer without auth, limits, logging, resilience or caching.
 * UPSTREAM is the Woodpecker base URL (…/rest), KEY its API key; a client may send its own `x-api-key` (the c=32 runs give
 * each connection its own key, as for the bare proxy). Prints {"port":N} when listening.
 */
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Pool } from 'undici';

const upstream = new URL(process.env.UPSTREAM ?? 'http://127.0.0.1:1/rest');
const pool = new Pool(upstream.origin, { connections: 32 });
const path = `${upstream.pathname.replace(/\/+$/, '')}/v1/campaign_list`;
const defaultKey = process.env.KEY ?? '';

interface WireCampaign {
  id: number;
  name: string;
  status: string;
  created?: string;
}

const typeDefs = `#graphql
  enum CampaignStatus { RUNNING DRAFT EDITED PAUSED STOPPED COMPLETED }
  type Campaign { id: ID! name: String! status: CampaignStatus! }
  type Query { campaigns: [Campaign!]! }
`;

async function campaigns(_: unknown, __: unknown, context: { key: string }): Promise<{ id: string; name: string; status: string }[]> {
  const response = await pool.request({ method: 'GET', path, headers: { accept: 'application/json', 'x-api-key': context.key } });
  const list = (await response.body.json()) as WireCampaign[];
  return list
    .map((c) => ({ id: String(c.id), name: c.name, status: c.status, at: c.created ? Date.parse(c.created) : 0 }))
    .sort((a, b) => b.at - a.at || Number(b.id) - Number(a.id))
    .map(({ id, name, status }) => ({ id, name, status }));
}

async function main(): Promise<void> {
  const apollo = new ApolloServer<{ key: string }>({ typeDefs, resolvers: { Query: { campaigns } } });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ key: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : defaultKey }),
    }),
  );
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })),
  );
  server.keepAliveTimeout = 65_000;
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
