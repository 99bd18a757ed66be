import { configureLogger } from '../../logging/logger';
import { redactString, REDACTED } from '../../logging/redact';
import { captureLogs } from '../../testing/log-capture';
import { freePort, startRedisServer, type RedisServer } from '../../testing/redis-server';
import { describeWithRedis } from '../../testing/redis-suite';
import { connectRedis, describeRedisUrl, type RedisConnection } from '../connection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyWithin(connection: RedisConnection, ms: number): Promise<{ ok: boolean; reason?: string }> {
  const until = Date.now() + ms;
  let result = await connection.readiness.check();
  while (!result.ok && Date.now() < until) {
    await sleep(100);
    result = await connection.readiness.check();
  }
  return result;
}

describe('Redis connection', () => {
  beforeAll(() => configureLogger({ level: 'debug', format: 'json', silent: true }));

  it('describes the URL without its credentials', () => {
    expect(describeRedisUrl('redis://user:pa55word@cache.internal:6380/2')).toBe('redis://cache.internal:6380/2');
    expect(describeRedisUrl('rediss://:pa55word@cache.internal:6380')).toBe('rediss://cache.internal:6380');
  });

  it('registers the password as a secret and never logs it, even when Redis is unreachable', async () => {
    const logs = captureLogs();
    const port = await freePort();
    const connection = connectRedis({ url: `redis://bff:Sup3r-Secret-Pass@127.0.0.1:${port}`, prefix: 'bff:' });
    try {
      expect(await readyWithin(connection, 300)).toEqual({ ok: false, reason: 'unreachable' });
      expect(redactString('auth Sup3r-Secret-Pass')).toBe(`auth ${REDACTED}`);
      expect(logs.lines.some((line) => line.includes('Redis unreachable'))).toBe(true);
      expect(logs.lines.join('\n')).not.toContain('Sup3r-Secret-Pass');
    } finally {
      await connection.close();
      logs.stop();
    }
  });

  describeWithRedis('readiness', () => {
    let server: RedisServer | undefined;
    afterAll(() => server?.stop());

    it('is not ready while Redis is down and becomes ready by itself once Redis starts on that port', async () => {
      const port = await freePort();
      const connection = connectRedis({ url: `redis://127.0.0.1:${port}`, prefix: 'bff:' });
      try {
        const down = await connection.readiness.check();
        expect(down.ok).toBe(false);
        server = await startRedisServer(port);
        expect(await readyWithin(connection, 5_000)).toEqual({ ok: true });
        await server.stop();
        expect((await readyWithin(connection, 0)).ok).toBe(false);
      } finally {
        await connection.close();
      }
    });
  });
});
