import type { RedisConnection } from '../../redis/connection';
import { connectForTest, describeWithRedis, uniquePrefix } from '../../testing/redis-suite';
import { RedisAttachmentStore } from '../redis-attachment-store';
import { attachmentRecord, attachmentStoreContract } from './attachment-store-contract';

describeWithRedis('RedisAttachmentStore (real Redis)', () => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectForTest();
  });
  afterAll(() => redis.close());

  attachmentStoreContract(() => new RedisAttachmentStore(redis.client, uniquePrefix('attachments')));

  it('When two instances claim the same expired records at once, then each record goes to exactly one of them', async () => {
    const prefix = uniquePrefix('attachments');
    const other = await connectForTest();
    try {
      const stores = [new RedisAttachmentStore(redis.client, prefix), new RedisAttachmentStore(other.client, prefix)];
      const expiresAt = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 30; i++) await stores[i % 2]!.save(attachmentRecord(`r${i}`, { expiresAt }));
      const claims = await Promise.all(stores.flatMap((store) => [store.claimExpired(expiresAt, 10, 60_000), store.claimExpired(expiresAt, 10, 60_000)]));
      const ids = claims.flat().map((record) => record.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    } finally {
      await other.close();
    }
  });

  it('When a record is saved, then its keys carry no Redis expiry: a record outlives nothing it must delete', async () => {
    const prefix = uniquePrefix('attachments');
    await new RedisAttachmentStore(redis.client, prefix).save(attachmentRecord('a1'));
    expect((await redis.client.keys(`${prefix}*`)).sort()).toEqual([`${prefix}attachment:a1`, `${prefix}attachments:due`]);
    expect(await redis.client.pttl(`${prefix}attachment:a1`)).toBe(-1);
  });
});
