-- Shared by every script (prepended by RedisScript). KEYS[1] is the queue's base key
-- "zq:{project/queue}"; every other key of the queue is derived from it and shares its hash slot.
-- Times are milliseconds from the API node's clock, passed in ARGV: Redis TIME is never read.
local base = KEYS[1]
local K_ALL = base .. ':all'          -- zset marker -> id: every message
local K_FREE = base .. ':free'        -- zset marker -> id: visible messages without a live claim
local K_DELAYED = base .. ':delayed'  -- zset visible-at -> id: messages still delayed
local K_CLAIMED = base .. ':claimed'  -- zset claim expiry -> id: claimed messages
local K_EXPIRY = base .. ':expiry'    -- zset expiry -> id: every message
local K_CLAIMS = base .. ':claims'    -- zset claim expiry -> claim id
-- Keys also carry a Redis TTL as a safety net; logic never relies on it. The slack covers clock
-- differences between API nodes.
local SLACK = 60000
local HOUSEKEEPING_BOUND = 1000

local function mkey(id) return base .. ':m:' .. id end
local function ckey(id) return base .. ':c:' .. id end

local function pexpire(key, expires, now)
  redis.call('PEXPIRE', key, math.floor(expires - now + SLACK))
end

local function unindex_message(id)
  redis.call('ZREM', K_ALL, id)
  redis.call('ZREM', K_FREE, id)
  redis.call('ZREM', K_DELAYED, id)
  redis.call('ZREM', K_CLAIMED, id)
  redis.call('ZREM', K_EXPIRY, id)
end

local function remove_message(id)
  redis.call('DEL', mkey(id))
  unindex_message(id)
end

-- Messages whose claim expired become free again.
local function release_expired_claims(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_CLAIMED, '-inf', now, 'LIMIT', 0, bound)
  for _, id in ipairs(ids) do
    redis.call('ZREM', K_CLAIMED, id)
    local marker = redis.call('HGET', mkey(id), 'mk')
    if marker then
      redis.call('ZADD', K_FREE, marker, id)
    end
  end
  local claims = redis.call('ZRANGEBYSCORE', K_CLAIMS, '-inf', now, 'LIMIT', 0, bound)
  for _, cid in ipairs(claims) do
    redis.call('DEL', ckey(cid))
    redis.call('ZREM', K_CLAIMS, cid)
  end
end

-- Delayed messages whose delay passed become free.
local function promote_delayed(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_DELAYED, '-inf', now, 'LIMIT', 0, bound)
  for _, id in ipairs(ids) do
    redis.call('ZREM', K_DELAYED, id)
    local marker = redis.call('HGET', mkey(id), 'mk')
    if marker then
      redis.call('ZADD', K_FREE, marker, id)
    end
  end
end

-- A live message is never removed here: a claimed message outlives its claim.
local function remove_expired(now, bound)
  local ids = redis.call('ZRANGEBYSCORE', K_EXPIRY, '-inf', now, 'LIMIT', 0, bound)
  for _, id in ipairs(ids) do
    remove_message(id)
  end
  return #ids
end

local MESSAGE_FIELDS = {'b', 'c', 'e', 'k', 'cl', 'ce', 'cc', 'u', 'd'}

local function read_message(id)
  return redis.call('HMGET', mkey(id), unpack(MESSAGE_FIELDS))
end

-- Appends the reply tuple of a message: id, body, created, expires, checksum, live claim id, claim count.
local function append_message(out, id, f, now)
  local claim = ''
  if f[5] and f[6] and tonumber(f[6]) > now then
    claim = f[5]
  end
  out[#out + 1] = id
  out[#out + 1] = f[1]
  out[#out + 1] = f[2]
  out[#out + 1] = f[3]
  out[#out + 1] = f[4] or ''
  out[#out + 1] = claim
  out[#out + 1] = f[7] or '0'
end

local function is_live(f, now)
  return f[1] ~= false and f[3] ~= false and tonumber(f[3]) > now
end

local function split(text)
  local parts = {}
  if text then
    for part in string.gmatch(text, '[^ ]+') do
      parts[#parts + 1] = part
    end
  end
  return parts
end

local function delete_all_of_queue()
  local batch = 1000
  while true do
    local ids = redis.call('ZRANGE', K_ALL, 0, batch - 1)
    if #ids == 0 then break end
    local keys = {}
    for i, id in ipairs(ids) do keys[i] = mkey(id) end
    redis.call('DEL', unpack(keys))
    redis.call('ZREM', K_ALL, unpack(ids))
  end
  while true do
    local ids = redis.call('ZRANGE', K_CLAIMS, 0, batch - 1)
    if #ids == 0 then break end
    local keys = {}
    for i, id in ipairs(ids) do keys[i] = ckey(id) end
    redis.call('DEL', unpack(keys))
    redis.call('ZREM', K_CLAIMS, unpack(ids))
  end
  redis.call('DEL', K_FREE, K_DELAYED, K_CLAIMED, K_EXPIRY)
end

-- ZADD of a flat {score, member, ...} list, in chunks that stay below Lua's unpack limit.
local function zadd_many(key, scored)
  local i = 1
  while i <= #scored do
    local j = math.min(i + 1999, #scored)
    redis.call('ZADD', key, unpack(scored, i, j))
    i = j + 1
  end
end

local function zrem_many(key, members)
  local i = 1
  while i <= #members do
    local j = math.min(i + 999, #members)
    redis.call('ZREM', key, unpack(members, i, j))
    i = j + 1
  end
end
