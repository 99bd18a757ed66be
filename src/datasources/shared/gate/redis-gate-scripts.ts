import { ARRIVAL_MARGIN_MS } from './token-bucket';

/**
 * The Lua half of `RedisGateStore`: the same state machine as `MemoryGateStore` + `TokenBucket`, run inside
 * Redis so that each operation is atomic across every BFF instance. Read those two files first; the names
 * and the order of the checks are kept identical on purpose.
 *
 * Calling convention, shared by all five scripts:
 *   KEYS[1] state hash:  `<dim>:level`, `<dim>:at` (ms of the last update), `<dim>:cap` (only once an
 *                        upstream reported a lower limit), `<dim>:upRemaining`, `<dim>:upResetAt`, `pausedUntil`
 *   KEYS[2] lease zset:  member = lease id (a random UUID: the fencing token), score = expiry (ms)
 *   ARGV[1] limits JSON: {"windowMs":60000,"maxConcurrency":1,"budgets":[["requests",50],...]} (this instance's config)
 *   ARGV[2] call JSON:   the operation's arguments
 * Every script returns JSON: the operation's answer plus a `view` of the whole state (for the synchronous
 * `snapshot`). Time is Redis's own clock (TIME), in fractional ms, so the hosts' clocks never matter.
 */
const PRELUDE = `
local state, leases = KEYS[1], KEYS[2]
local limits = cjson.decode(ARGV[1])
local call = cjson.decode(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000

-- TokenBucket: capacity per window, refilled continuously; the level may be negative (a debt).
local function load(dim, configured)
  local f = redis.call('HMGET', state, dim .. ':level', dim .. ':at', dim .. ':cap', dim .. ':upRemaining', dim .. ':upResetAt')
  local cap = math.min(tonumber(f[3]) or configured, configured)
  local level = tonumber(f[1]) or cap
  local at = tonumber(f[2]) or now
  if now > at then level = level + (now - at) * (cap / limits.windowMs) end
  return { dim = dim, configured = configured, cap = cap, level = math.min(cap, level),
           upRemaining = tonumber(f[4]), upResetAt = tonumber(f[5]) }
end

local function save(b)
  redis.call('HSET', state, b.dim .. ':level', b.level, b.dim .. ':at', now)
end

local function buckets()
  local all = {}
  for i, spec in ipairs(limits.budgets) do all[i] = load(spec[1], spec[2]) end
  return all
end

-- A lease past its expiry is gone: its holder gave up at its attempt timeout, so the slot is free again,
-- and its reservation counts as fully consumed (a late release refunds nothing).
local function expire_leases()
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
end

-- State outlives a quiet spell only as long as it matters: after two windows every bucket is full again.
local function keep()
  local paused = tonumber(redis.call('HGET', state, 'pausedUntil')) or 0
  redis.call('PEXPIRE', state, math.ceil(math.max(2 * limits.windowMs, paused - now)))
end

local function reply(answer)
  local view = { now = now, leased = redis.call('ZCARD', leases),
                 pausedUntil = tonumber(redis.call('HGET', state, 'pausedUntil')), budgets = {} }
  for i, b in ipairs(buckets()) do
    view.budgets[i] = { dim = b.dim, cap = b.cap, level = b.level, upRemaining = b.upRemaining, upResetAt = b.upResetAt }
  end
  answer.view = view
  return cjson.encode(answer)
end
`;

/** call: {cost: {dim: n}, leaseId, leaseTtlMs} → {ok, reason?, retryInMs?}. All-or-nothing, checks in MemoryGateStore's order. */
export const ACQUIRE = `${PRELUDE}
local all = buckets()
local budget_wait = 0
for _, b in ipairs(all) do
  local amount = call.cost[b.dim] or 0
  if amount > b.cap then return reply({ ok = false, reason = 'too_large' }) end
  -- The same margin as TokenBucket.msUntil: the upstream's refill starts when a call arrives, not when we send it.
  local missing = math.min(b.cap, amount + (b.cap / limits.windowMs) * ${ARRIVAL_MARGIN_MS}) - b.level
  if missing > 0 then budget_wait = math.max(budget_wait, math.ceil(missing / (b.cap / limits.windowMs))) end
end
local paused = tonumber(redis.call('HGET', state, 'pausedUntil')) or 0
if now < paused then return reply({ ok = false, reason = 'paused', retryInMs = math.ceil(paused - now) }) end
if budget_wait > 0 then return reply({ ok = false, reason = 'budget', retryInMs = budget_wait }) end
expire_leases()
if redis.call('ZCARD', leases) >= limits.maxConcurrency then
  local earliest = redis.call('ZRANGE', leases, 0, 0, 'WITHSCORES')
  return reply({ ok = false, reason = 'concurrency', retryInMs = math.ceil(tonumber(earliest[2]) - now) })
end
for _, b in ipairs(all) do
  local amount = call.cost[b.dim]
  if amount then
    b.level = b.level - amount
    save(b)
  end
end
redis.call('ZADD', leases, now + call.leaseTtlMs, call.leaseId)
if redis.call('PTTL', leases) < call.leaseTtlMs then redis.call('PEXPIRE', leases, call.leaseTtlMs) end
keep()
return reply({ ok = true })
`;

/** call: {leaseId, refund: {dim: n}}. Only a live lease frees its slot and refunds: lease ids are fencing tokens. */
export const RELEASE = `${PRELUDE}
expire_leases()
if redis.call('ZREM', leases, call.leaseId) == 1 then
  for _, b in ipairs(buckets()) do
    local amount = call.refund[b.dim]
    if amount and amount ~= 0 then
      b.level = math.min(b.cap, b.level + amount)
      save(b)
    end
  end
  keep()
end
return reply({})
`;

/** call: {leaseId, ttlMs} → {ok}: a live lease's expiry moves to at least now + ttlMs; a gone one stays gone. */
export const RENEW = `${PRELUDE}
expire_leases()
local expiry = tonumber(redis.call('ZSCORE', leases, call.leaseId))
if not expiry then return reply({ ok = false }) end
expiry = math.max(expiry, now + call.ttlMs)
redis.call('ZADD', leases, expiry, call.leaseId)
if redis.call('PTTL', leases) < expiry - now then redis.call('PEXPIRE', leases, math.ceil(expiry - now)) end
return reply({ ok = true })
`;

/** call: {pauseMs}: every instance stops granting until Redis's now + pauseMs. Only ever extends a pause. */
export const PAUSE = `${PRELUDE}
local until_ms = now + call.pauseMs
local paused = tonumber(redis.call('HGET', state, 'pausedUntil')) or 0
if until_ms > paused then redis.call('HSET', state, 'pausedUntil', until_ms) end
keep()
return reply({})
`;

/** call: {dim, remaining, limit?, resetAt?}: adopts the upstream's view, only ever downwards (TokenBucket.correct). */
export const CORRECT = `${PRELUDE}
for _, spec in ipairs(limits.budgets) do
  if spec[1] == call.dim then
    local b = load(spec[1], spec[2])
    if call.limit and call.limit > 0 then b.cap = math.min(b.configured, call.limit) end
    b.level = math.min(b.level, call.remaining, b.cap)
    save(b)
    redis.call('HSET', state, b.dim .. ':cap', b.cap, b.dim .. ':upRemaining', call.remaining)
    if call.resetAt then redis.call('HSET', state, b.dim .. ':upResetAt', call.resetAt)
    else redis.call('HDEL', state, b.dim .. ':upResetAt') end
    keep()
  end
end
return reply({})
`;
