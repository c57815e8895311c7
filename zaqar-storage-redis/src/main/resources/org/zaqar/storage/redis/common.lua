-- Shared by every script (prepended by RedisScript). KEYS[1] is the queue's base key
-- "zq:{project/queue}"; every other key of the queue is derived from it and shares its hash slot.
-- Times are milliseconds from the API node's clock, passed in ARGV: Redis TIME is never read.
-- A queue's messages live in a few big keys (no key per message), so posting or claiming N
-- messages costs a handful of Redis calls, whatever N.
local base = KEYS[1]
local K_MSG = base .. ':msg'          -- hash id -> "created\nclient\nchecksum\nbody" (immutable)
local K_CL = base .. ':cl'            -- hash id -> claim id, while claimed
local K_CC = base .. ':cc'            -- hash id -> claim count, once claimed
local K_ALL = base .. ':all'          -- zset marker -> id: every message
local K_FREE = base .. ':free'        -- zset marker -> id: visible messages without a live claim
local K_DELAYED = base .. ':delayed'  -- zset visible-at -> id: messages still delayed
local K_CLAIMED = base .. ':claimed'  -- zset claim expiry -> id: claimed messages
local K_EXPIRY = base .. ':expiry'    -- zset expiry -> id: every message
local K_CLAIMS = base .. ':claims'    -- zset claim expiry -> claim id
-- The queue's hash itself holds 'meta', 'ctr', 'mcc', 'dlq', 'dlqttl' and 'expired' (see count_expired).
local HOUSEKEEPING_BOUND = 1000
local CHUNK = 1000                    -- members per variadic call, below Lua's unpack limit

local function ckey(id) return base .. ':c:' .. id end

-- A claim's key (hash t, u, x, ids) expires by itself a minute after the claim, so deleting or
-- purging a queue need not visit its claims: a claim counts only while it is in the queue's claims
-- set. The expiry is relative (PEXPIRE), so clocks of API nodes and Redis may differ.
local CLAIM_KEY_SLACK = 60000
local function expire_claim_key(claim, claim_expires, now)
  redis.call('PEXPIRE', ckey(claim), claim_expires - now + CLAIM_KEY_SLACK)
end
local function is_claim_of_queue(claim) return redis.call('ZSCORE', K_CLAIMS, claim) ~= false end

local function variadic(command, key, list, step)
  local i = 1
  while i <= #list do
    local j = math.min(i + step - 1, #list)
    redis.call(command, key, unpack(list, i, j))
    i = j + 1
  end
end

-- A read of many fields or members (HMGET, ZMSCORE) in chunks, results concatenated.
local function read_many(command, key, members)
  if #members <= CHUNK then return redis.call(command, key, unpack(members)) end
  local result = {}
  local i = 1
  while i <= #members do
    local j = math.min(i + CHUNK - 1, #members)
    local part = redis.call(command, key, unpack(members, i, j))
    for k = 1, #part do result[#result + 1] = part[k] end
    i = j + 1
  end
  return result
end

-- flat {score, member, ...} / {field, value, ...} / {member, ...} lists
local function zadd_many(key, scored) variadic('ZADD', key, scored, 2 * CHUNK) end
local function hset_many(key, pairs_list) variadic('HSET', key, pairs_list, 2 * CHUNK) end
local function zrem_many(key, members) variadic('ZREM', key, members, CHUNK) end
local function hdel_many(key, fields) variadic('HDEL', key, fields, CHUNK) end

local function remove_messages(ids)
  if #ids == 0 then return end
  hdel_many(K_MSG, ids)
  hdel_many(K_CL, ids)
  hdel_many(K_CC, ids)
  zrem_many(K_ALL, ids)
  zrem_many(K_FREE, ids)
  zrem_many(K_DELAYED, ids)
  zrem_many(K_CLAIMED, ids)
  zrem_many(K_EXPIRY, ids)
end

-- Puts ids back into the free set under their markers.
local function free_again(ids)
  if #ids == 0 then return end
  local markers = read_many('ZMSCORE', K_ALL, ids)
  local scored = {}
  for i, id in ipairs(ids) do
    if markers[i] then
      scored[#scored + 1] = markers[i]
      scored[#scored + 1] = id
    end
  end
  zadd_many(K_FREE, scored)
end

-- Messages whose claim expired become free again; expired claim records go. Returns the larger of
-- the two counts, which reaches the bound when more may be left.
local function release_expired_claims(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_CLAIMED, '-inf', now, 'LIMIT', 0, bound)
  if #ids > 0 then
    zrem_many(K_CLAIMED, ids)
    hdel_many(K_CL, ids)
    free_again(ids)
  end
  local claims = redis.call('ZRANGEBYSCORE', K_CLAIMS, '-inf', now, 'LIMIT', 0, bound)
  if #claims > 0 then
    local keys = {}
    for i, cid in ipairs(claims) do keys[i] = ckey(cid) end
    for i = 1, #keys, CHUNK do
      redis.call('DEL', unpack(keys, i, math.min(i + CHUNK - 1, #keys)))
    end
    zrem_many(K_CLAIMS, claims)
  end
  return math.max(#ids, #claims)
end

-- Delayed messages whose delay passed become free. Returns how many.
local function promote_delayed(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_DELAYED, '-inf', now, 'LIMIT', 0, bound)
  if #ids > 0 then
    zrem_many(K_DELAYED, ids)
    free_again(ids)
  end
  return #ids
end

-- Counts messages removed because they expired, in the queue's hash (the caller checked that it
-- exists): the next sweep reports and resets the count, so each is reported once, whoever removed it.
local function count_expired(count)
  if count > 0 then redis.call('HINCRBY', base, 'expired', count) end
end

-- A live message is never removed here: a claimed message outlives its claim.
local function remove_expired(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_EXPIRY, '-inf', now, 'LIMIT', 0, bound)
  remove_messages(ids)
  count_expired(#ids)
  return #ids
end

-- The state of messages, each a list parallel to ids (false where missing).
local function read_messages(ids)
  if #ids == 0 then return {}, {}, {}, {}, {} end
  return read_many('HMGET', K_MSG, ids), read_many('ZMSCORE', K_EXPIRY, ids),
      read_many('ZMSCORE', K_CLAIMED, ids), read_many('HMGET', K_CL, ids), read_many('HMGET', K_CC, ids)
end

local function is_live(packed, expires, now)
  return packed ~= false and expires ~= false and tonumber(expires) > now
end

local function live_claim(claim_expires, claim_id, now)
  if claim_id and claim_expires and tonumber(claim_expires) > now then return claim_id end
  return nil
end

-- Appends the reply tuple of a message: id, packed, expires, live claim id or '', claim count.
local function append_message(out, id, packed, expires, claim, count)
  out[#out + 1] = id
  out[#out + 1] = packed
  out[#out + 1] = expires
  out[#out + 1] = claim or ''
  out[#out + 1] = count or '0'
end

local function created_of(packed)
  return string.sub(packed, 1, string.find(packed, '\n', 1, true) - 1)
end

local function client_of(packed)
  local first = string.find(packed, '\n', 1, true)
  local second = string.find(packed, '\n', first + 1, true)
  return string.sub(packed, first + 1, second - 1)
end

local function split(text)
  local parts = {}
  if text then
    for part in string.gmatch(text, '[^ ]+') do parts[#parts + 1] = part end
  end
  return parts
end

-- UNLINK frees big keys off the main thread, so even a huge queue goes in O(1) here. The claims'
-- own keys are left to expire (expire_claim_key): visiting tens of thousands of them held Redis
-- for tens of milliseconds.
local function delete_all_of_queue()
  redis.call('UNLINK', K_MSG, K_CL, K_CC, K_ALL, K_FREE, K_DELAYED, K_CLAIMED, K_EXPIRY, K_CLAIMS)
end
