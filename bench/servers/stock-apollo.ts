/**
 * Reference R2 for cached reads: stock Apollo Server 5 + expressMiddleware (defaults; production mode, so no landing
 * page or introspection) with an in-memory resolver returning CAMPAIGNS (the same data the BFF serves).
 * Prints {"port":N} when listening.
 */
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

const typeDefs = `#graphql
  enum CampaignStatus { RUNNING DRAFT EDITED PAUSED STOPPED COMPLETED }
  type Campaign { id: ID! name: String! status: CampaignStatus! }
  type Query { campaigns: [Campaign!]! }
`;
const campaigns = JSON.parse(process.env.CAMPAIGNS ?? '[]') as unknown[];

async function main(): Promise<void> {
  const apollo = new ApolloServer({ typeDefs, resolvers: { Query: { campaigns: () => campaigns } } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
  server.keepAliveTimeout = 65_000;
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
