-- ARGV: now, limit, claim id, claim ttl seconds, grace seconds, key prefix, project.
-- Claims up to limit of the oldest free live messages. A message already claimed _max_claim_count
-- times moves to the _dead_letter_queue instead (created when missing) and still takes one of the
-- limit places. Returns the claimed message tuples; the claim record is stored only when at least
-- one message was claimed.
if redis.call('EXISTS', base) == 0 then return {} end
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local claim = ARGV[3]
local ttl = tonumber(ARGV[4])
local grace = tonumber(ARGV[5])
local prefix = ARGV[6]
local project = ARGV[7]
release_expired_claims(now, HOUSEKEEPING_BOUND)
promote_delayed(now, HOUSEKEEPING_BOUND)

local info = redis.call('HMGET', base, 'mcc', 'dlq', 'dlqttl')
local max_claims = tonumber(info[1])
local dlq = info[2]
local dlq_base = nil
if max_claims and dlq then dlq_base = prefix .. '{' .. project .. '/' .. dlq .. '}' end
-- a queue that names itself as its dead-letter queue keeps its messages
if dlq_base == base then dlq_base = nil end

-- Moves a message to the end of the dead-letter queue, unclaimed, keeping its claim count and
-- creation time; the dead-letter ttl, when set, counts from now, else its expiry stays.
local dlq_ttl = tonumber(info[3])
local function move_to_dead_letter_queue(id, f)
  if redis.call('EXISTS', dlq_base) == 0 then
    redis.call('HSET', dlq_base, 'meta', '{}', 'ctr', 0)
    redis.call('ZADD', prefix .. 'queues:' .. project, 0, dlq)
    redis.call('SADD', prefix .. 'projects', project)
  end
  local marker = redis.call('HINCRBY', dlq_base, 'ctr', 1)
  local expires = tonumber(f[3])
  local target = dlq_base .. ':m:' .. id
  redis.call('RENAME', mkey(id), target)
  redis.call('HDEL', target, 'cl', 'ce', 'd')
  if dlq_ttl then
    expires = now + dlq_ttl * 1000
    redis.call('HSET', target, 'mk', marker, 'e', expires, 't', dlq_ttl)
    pexpire(target, expires, now)
  else
    redis.call('HSET', target, 'mk', marker)
  end
  unindex_message(id)
  redis.call('ZADD', dlq_base .. ':all', marker, id)
  redis.call('ZADD', dlq_base .. ':free', marker, id)
  redis.call('ZADD', dlq_base .. ':expiry', expires, id)
end

local claim_expires = now + ttl * 1000
local min_expires = claim_expires + grace * 1000
local out = {}
local ids_claimed = {}
local claimed_scores = {}
local extended = {}
-- a dead-lettered message takes one of the limit places, as a claimed one does
local taken = 0
while taken < limit do
  local ids = redis.call('ZRANGE', K_FREE, 0, limit - taken - 1)
  if #ids == 0 then break end
  for _, id in ipairs(ids) do
    local key = mkey(id)
    local f = read_message(id)
    if not is_live(f, now) then
      remove_message(id)
    else
      local count = tonumber(f[7]) or 0
      if dlq_base and count >= max_claims then
        move_to_dead_letter_queue(id, f)
        taken = taken + 1
      else
        local expires = tonumber(f[3])
        if expires < min_expires then
          expires = min_expires
          redis.call('HSET', key, 'cl', claim, 'ce', claim_expires, 'cc', count + 1, 'e', expires)
          pexpire(key, expires, now)
          extended[#extended + 1] = expires; extended[#extended + 1] = id
        else
          redis.call('HSET', key, 'cl', claim, 'ce', claim_expires, 'cc', count + 1)
        end
        claimed_scores[#claimed_scores + 1] = claim_expires; claimed_scores[#claimed_scores + 1] = id
        f[3] = tostring(expires)
        f[5] = claim
        f[6] = tostring(claim_expires)
        f[7] = tostring(count + 1)
        append_message(out, id, f, now)
        ids_claimed[#ids_claimed + 1] = id
        taken = taken + 1
      end
    end
  end
  -- every id of this batch was claimed, dead-lettered or found expired: none stays free
  zrem_many(K_FREE, ids)
end
zadd_many(K_CLAIMED, claimed_scores)
zadd_many(K_EXPIRY, extended)
if #ids_claimed > 0 then
  local key = ckey(claim)
  redis.call('HSET', key, 't', ttl, 'u', now, 'x', claim_expires, 'ids', table.concat(ids_claimed, ' '))
  pexpire(key, claim_expires, now)
  redis.call('ZADD', K_CLAIMS, claim_expires, claim)
end
return out
