import type Redis from 'ioredis';
import { throwFirstError } from '../redis/transaction-results';
import type { AttachmentRecord, AttachmentStore } from './attachment-store';

/**
 * Ends the owner's use and claims the record for deletion, in one step: a sweep on another instance either claimed
 * it before (then the record had expired and this finds nothing) or sees the new claim.
 * KEYS: record hash, due index. ARGV: id, owner, now, claim end.
 */
const RETIRE = `
local fields = redis.call('HMGET', KEYS[1], 'owner', 'expiresAt', 'record')
if not fields[3] or fields[1] ~= ARGV[2] or tonumber(fields[2]) <= tonumber(ARGV[3]) then return false end
redis.call('HSET', KEYS[1], 'expiresAt', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return fields[3]
`;

/**
 * Claims the oldest due records by moving their index score to the end of the claim: one script, so two
 * instances sweeping at the same moment never claim the same record. An index entry without its record is dropped.
 * KEYS: due index. ARGV: now, limit, claim end, record key prefix. Returns [record, expiresAt, …].
 */
const CLAIM_EXPIRED = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(ids) do
  local fields = redis.call('HMGET', ARGV[4] .. id, 'record', 'expiresAt')
  if fields[1] then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    table.insert(claimed, fields[1])
    table.insert(claimed, fields[2])
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return claimed
`;

type Commands = {
  bffAttachmentRetire(record: string, due: string, ...args: (string | number)[]): Promise<string | null>;
  bffAttachmentClaim(due: string, ...args: (string | number)[]): Promise<string[]>;
};

const parse = (json: string, expiresAt: string | null | undefined): AttachmentRecord => ({
  ...(JSON.parse(json) as AttachmentRecord),
  ...(expiresAt != null && { expiresAt: Number(expiresAt) }),
});

/**
 * Attachments shared by every instance: one hash per record (`<prefix>attachment:<id>`: owner, expiry, the
 * record as JSON) and one sorted set of when each becomes claimable (`<prefix>attachments:due`). Records carry no
 * Redis TTL: a record that vanished with its file still upstream would be a leak nobody could find again.
 */
export class RedisAttachmentStore implements AttachmentStore {
  private readonly commands: Commands;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {
    client.defineCommand('bffAttachmentRetire', { numberOfKeys: 2, lua: RETIRE });
    client.defineCommand('bffAttachmentClaim', { numberOfKeys: 1, lua: CLAIM_EXPIRED });
    this.commands = client as unknown as Commands;
  }

  async save(record: AttachmentRecord): Promise<void> {
    const results = await this.client
      .multi()
      .hset(this.key(record.id), { owner: record.ownerId, expiresAt: record.expiresAt, record: JSON.stringify(record) })
      .zadd(this.due(), record.expiresAt, record.id)
      .exec();
    throwFirstError(results);
  }

  async find(id: string, ownerId: string, now: number): Promise<AttachmentRecord | undefined> {
    const [owner, expiresAt, json] = await this.client.hmget(this.key(id), 'owner', 'expiresAt', 'record');
    if (!json || owner !== ownerId || Number(expiresAt) <= now) return undefined;
    return parse(json, expiresAt);
  }

  async retire(id: string, ownerId: string, now: number, leaseMs: number): Promise<AttachmentRecord | undefined> {
    const json = await this.commands.bffAttachmentRetire(this.key(id), this.due(), id, ownerId, now, now + leaseMs);
    return json ? parse(json, String(now)) : undefined;
  }

  async claimExpired(now: number, limit: number, leaseMs: number): Promise<AttachmentRecord[]> {
    const flat = await this.commands.bffAttachmentClaim(this.due(), now, limit, now + leaseMs, this.key(''));
    const records: AttachmentRecord[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) records.push(parse(flat[i]!, flat[i + 1]));
    return records;
  }

  async forget(id: string): Promise<void> {
    throwFirstError(await this.client.multi().del(this.key(id)).zrem(this.due(), id).exec());
  }

  private key(id: string): string {
    return `${this.prefix}attachment:${id}`;
  }

  private due(): string {
    return `${this.prefix}attachments:due`;
  }
}
