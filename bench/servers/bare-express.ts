/**
 * Reference R1 for cached reads: a bare Express 5 route sending pre-serialised bytes (BODY, the BFF's exact
 * `campaigns` response) for POST /graphql. Express defaults otherwise. Prints {"port":N} when listening.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const body = Buffer.from(process.env.BODY ?? '{}');
const app = express();
app.post('/graphql', (_req, res) => {
  res.type('application/json').send(body);
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
