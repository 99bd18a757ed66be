/**
 * The idempotency record of one key is a hash (KEYS[1]):
 *   fp     the input's fingerprint          token, until, eta   the claim: holder, lapse time, expected end
 *   done   set once the operation completed  bytes                size of the recorded steps
 *   s:<name>  one recorded step (JSON)
 * The index (KEYS[2]) is a sorted set of every record's key, scored by its expiry: it bounds the number of
 * records (the oldest one that is not running is evicted for a new key). Time is Redis's own clock (TIME),
 * so the instances' clocks never matter. Each operation is one script, so two instances never both hold a
 * claim, and a holder whose claim was taken over can neither record, complete nor release.
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** Keeps the record for the retention period after its latest change, in the hash's TTL and in the index. */
const KEEP = `
local function keep(retention)
  redis.call('PEXPIRE', KEYS[1], retention)
  redis.call('ZADD', KEYS[2], now + retention, KEYS[1])
end
`;

/** ARGV: fingerprint, token, claimTtlMs, retentionMs, etaMs, maxKeys, evictionCandidates. */
export const CLAIM = `${NOW}${KEEP}
local function with_steps(state)
  local out = { state }
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == 's:' then
      out[#out + 1] = string.sub(all[i], 3)
      out[#out + 1] = all[i + 1]
    end
  end
  return out
end
local f = redis.call('HMGET', KEYS[1], 'fp', 'token', 'until', 'eta', 'done')
if f[1] then
  if f[1] ~= ARGV[1] then return { 'mismatch' } end
  if f[5] then return with_steps('done') end
  if f[2] and tonumber(f[3]) > now then return { 'running', math.max(0, tonumber(f[4]) - now) } end
else
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then
    local soonest = nil
    for _, oldest in ipairs(redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[7]) - 1)) do
      local o = redis.call('HMGET', oldest, 'token', 'until')
      local claimed_until = (o[1] and tonumber(o[2])) or now
      if claimed_until <= now then
        redis.call('DEL', oldest)
        redis.call('ZREM', KEYS[2], oldest)
        soonest = nil
        break
      end
      soonest = math.min(soonest or claimed_until, claimed_until)
    end
    if soonest then return { 'full', soonest - now } end
  end
  redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'bytes', 0)
end
redis.call('HSET', KEYS[1], 'token', ARGV[2], 'until', now + tonumber(ARGV[3]), 'eta', now + tonumber(ARGV[5]))
keep(ARGV[4])
return with_steps('claimed')
`;

/** ARGV: token, step, value, claimTtlMs, retentionMs, maxBytes. Returns ok | lost | too_large. */
export const RECORD = `${NOW}${KEEP}
local f = redis.call('HMGET', KEYS[1], 'token', 'bytes', 'done')
if f[1] ~= ARGV[1] or f[3] then return 'lost' end
local field = 's:' .. ARGV[2]
local previous = redis.call('HGET', KEYS[1], field)
local bytes = tonumber(f[2]) - (previous and #previous or 0) + #ARGV[3]
if bytes > tonumber(ARGV[6]) then return 'too_large' end
redis.call('HSET', KEYS[1], field, ARGV[3], 'bytes', bytes, 'until', now + tonumber(ARGV[4]))
keep(ARGV[5])
return 'ok'
`;

/** ARGV: token, claimTtlMs, retentionMs. Returns 1 when renewed. */
export const RENEW = `${NOW}${KEEP}
local f = redis.call('HMGET', KEYS[1], 'token', 'done')
if f[1] ~= ARGV[1] or f[2] then return 0 end
redis.call('HSET', KEYS[1], 'until', now + tonumber(ARGV[2]))
keep(ARGV[3])
return 1
`;

/** ARGV: token, retentionMs. */
export const COMPLETE = `${NOW}${KEEP}
local f = redis.call('HMGET', KEYS[1], 'token', 'done')
if f[1] ~= ARGV[1] or f[2] then return 0 end
redis.call('HSET', KEYS[1], 'done', '1')
redis.call('HDEL', KEYS[1], 'token', 'until', 'eta')
keep(ARGV[2])
return 1
`;

/** ARGV: token. A record without steps is forgotten; one with steps keeps them for a resume. */
export const RELEASE = `
local f = redis.call('HMGET', KEYS[1], 'token', 'done', 'bytes')
if f[1] ~= ARGV[1] or f[2] then return 0 end
if tonumber(f[3]) == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], KEYS[1])
else
  redis.call('HDEL', KEYS[1], 'token', 'until', 'eta')
end
return 1
`;
