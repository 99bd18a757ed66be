import { configureLogger } from '../../logging/logger';
import { startSimulators, type Simulators } from '../../simulators';
import { startBff, type BffProcess } from '../../testing/bff-process';
import { freePort, startRedisServer, type RedisServer } from '../../testing/redis-server';
import { describeWithRedis } from '../../testing/redis-suite';
import { codes, simulatedUpstreamsEnv } from './cluster';

const CAMPAIGNS = '{ campaigns { id } }';

async function readiness(bff: BffProcess): Promise<{ status: number; body: { checks?: Record<string, string> } }> {
  const res = await fetch(`${bff.url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks?: Record<string, string> } };
}

async function readyWithin(bff: BffProcess, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let { status } = await readiness(bff);
  while (status !== 200 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    ({ status } = await readiness(bff));
  }
  return status;
}

describeWithRedis('A BFF process whose Redis is down', () => {
  let sims: Simulators;
  let bff: BffProcess;
  let redis: RedisServer | undefined;
  let port: number;

  beforeAll(async () => {
    configureLogger({ level: 'error', format: 'json', silent: true });
    sims = await startSimulators({ seed: 7 });
    port = await freePort();
    bff = await startBff({ ...simulatedUpstreamsEnv(sims), REDIS_URL: `redis://127.0.0.1:${port}` }, { awaitReady: false });
  }, 30_000);
  afterAll(async () => {
    await bff?.stop();
    await redis?.stop();
    await sims?.close();
  });

  it('When Redis is unreachable at start-up, then the server starts, /readyz says why and calls fail closed', async () => {
    const { status, body } = await readiness(bff);
    expect(status).toBe(503);
    expect(body.checks).toEqual({ redis: 'unreachable' });
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    const answer = await bff.graphql(CAMPAIGNS);
    expect(codes(answer)).toEqual(['UPSTREAM_BUSY']);
    expect(answer.errors?.[0]?.extensions?.retryAfterSeconds).toBe(1);
    expect(sims.woodpecker.stats.requests).toBe(0);
  });

  it('When Redis starts on that port, then /readyz turns 200 and calls go through, without a restart', async () => {
    redis = await startRedisServer(port);
    expect(await readyWithin(bff, 10_000)).toBe(200);
    expect((await bff.graphql(CAMPAIGNS)).data?.campaigns).toEqual(expect.any(Array));
  });

  it('When Redis is lost mid-flight and comes back, then the server refuses meanwhile and recovers by itself', async () => {
    await redis!.stop();
    expect((await readiness(bff)).status).toBe(503);
    expect(codes(await bff.graphql('{ campaigns(forceRefresh: true) { id } }'))).toEqual(['UPSTREAM_BUSY']);
    redis = await startRedisServer(port);
    expect(await readyWithin(bff, 10_000)).toBe(200);
    expect((await bff.graphql('{ campaigns(forceRefresh: true) { id } }')).data?.campaigns).toEqual(expect.any(Array));
  });
});
