import type { AttachmentRecord, AttachmentStore } from '../attachment-store';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const LEASE = 300_000;

export function attachmentRecord(id: string, overrides: Partial<AttachmentRecord> = {}): AttachmentRecord {
  return {
    id,
    ownerId: 'alice',
    fileId: `file_${id}`,
    kind: 'image',
    filename: 'logo "final" é.png',
    mimeType: 'image/png',
    sizeBytes: 1234,
    createdAt: T0,
    expiresAt: T0 + HOUR,
    ...overrides,
  };
}

/** What every AttachmentStore must do, whichever storage is behind it. */
export function attachmentStoreContract(newStore: () => AttachmentStore): void {
  it('When a record is saved, then its owner finds it exactly until it expires; nobody else ever does', async () => {
    const store = newStore();
    const record = attachmentRecord('a1', { ownerId: 'auth0|5f7c:"odd"' });
    await store.save(record);
    expect(await store.find('a1', 'auth0|5f7c:"odd"', T0 + HOUR - 1)).toEqual(record);
    expect(await store.find('a1', 'bob', T0)).toBeUndefined();
    expect(await store.find('a1', 'auth0|5f7c:"odd"', T0 + HOUR)).toBeUndefined();
    expect(await store.find('nope', 'alice', T0)).toBeUndefined();
  });

  it('When the owner retires a record, then it is unusable at once and no sweep claims it while the retirement holds it', async () => {
    const store = newStore();
    await store.save(attachmentRecord('a1'));
    expect(await store.retire('a1', 'bob', T0, LEASE)).toBeUndefined();
    expect(await store.retire('a1', 'alice', T0, LEASE)).toEqual(attachmentRecord('a1', { expiresAt: T0 }));
    expect(await store.find('a1', 'alice', T0)).toBeUndefined();
    expect(await store.retire('a1', 'alice', T0, LEASE)).toBeUndefined();
    expect(await store.claimExpired(T0 + LEASE - 1, 10, LEASE)).toEqual([]);
    // The deleter died: once its claim lapses, a sweep takes the record.
    expect((await store.claimExpired(T0 + LEASE, 10, LEASE)).map((r) => r.id)).toEqual(['a1']);
  });

  it('When records expire, then claims hand each out once per lease, oldest first and at most the limit', async () => {
    const store = newStore();
    for (const [id, expiresAt] of [['late', T0 + 3 * HOUR], ['first', T0 + HOUR], ['second', T0 + 2 * HOUR]] as const) {
      await store.save(attachmentRecord(id, { expiresAt }));
    }
    const now = T0 + 3 * HOUR;
    expect((await store.claimExpired(now, 2, LEASE)).map((r) => [r.id, r.fileId])).toEqual([
      ['first', 'file_first'],
      ['second', 'file_second'],
    ]);
    expect((await store.claimExpired(now, 10, LEASE)).map((r) => r.id)).toEqual(['late']);
    expect(await store.claimExpired(now, 10, LEASE)).toEqual([]);
    await store.forget('first');
    expect((await store.claimExpired(now + LEASE, 10, LEASE)).map((r) => r.id).sort()).toEqual(['late', 'second']);
    expect(await store.find('first', 'alice', T0)).toBeUndefined();
  });

  it('When nothing has expired, then a claim returns nothing', async () => {
    const store = newStore();
    await store.save(attachmentRecord('a1'));
    expect(await store.claimExpired(T0 + HOUR - 1, 10, LEASE)).toEqual([]);
  });
}
