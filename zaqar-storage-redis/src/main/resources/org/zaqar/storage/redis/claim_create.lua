-- ARGV: now, limit, claim id, claim ttl seconds, grace seconds, key prefix, project.
-- Claims up to limit of the oldest free live messages. A message already claimed _max_claim_count
-- times moves to the _dead_letter_queue instead (created when missing) and still takes one of the
-- limit places. Returns the number of messages moved, then the claimed message tuples; the claim
-- record is stored only when at least one message was claimed.
if redis.call('EXISTS', base) == 0 then return {0} end
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
local dlq_ttl = tonumber(info[3])
local dlq_base = nil
if max_claims and dlq then dlq_base = prefix .. '{' .. project .. '/' .. dlq .. '}' end
-- a queue that names itself as its dead-letter queue keeps its messages
if dlq_base == base then dlq_base = nil end

-- Moves a message to the end of the dead-letter queue, unclaimed, keeping its claim count and
-- creation time; the dead-letter ttl, when set, counts from now, else its expiry stays.
local function move_to_dead_letter_queue(id, packed, expires, count)
  if redis.call('EXISTS', dlq_base) == 0 then
    redis.call('HSET', dlq_base, 'meta', '{}', 'ctr', 0)
    redis.call('ZADD', prefix .. 'queues:' .. project, 0, dlq)
    redis.call('SADD', prefix .. 'projects', project)
  end
  local marker = redis.call('HINCRBY', dlq_base, 'ctr', 1)
  if dlq_ttl then expires = now + dlq_ttl * 1000 end
  redis.call('HSET', dlq_base .. ':msg', id, packed)
  redis.call('HSET', dlq_base .. ':cc', id, count)
  redis.call('ZADD', dlq_base .. ':all', marker, id)
  redis.call('ZADD', dlq_base .. ':free', marker, id)
  redis.call('ZADD', dlq_base .. ':expiry', expires, id)
  remove_messages({id})
end

local claim_expires = now + ttl * 1000
local min_expires = claim_expires + grace * 1000
local out = {0}
local claimed_ids, claimed_scores, holders, counts_after, extended = {}, {}, {}, {}, {}
-- a dead-lettered message takes one of the limit places, as a claimed one does
local taken = 0
local expired = 0
while taken < limit do
  local ids = redis.call('ZRANGE', K_FREE, 0, limit - taken - 1)
  if #ids == 0 then break end
  local packed = read_many('HMGET', K_MSG, ids)
  local expires = read_many('ZMSCORE', K_EXPIRY, ids)
  local counts = read_many('HMGET', K_CC, ids)
  local gone = {}
  -- every id of this batch is claimed, dead-lettered or gone: none stays free
  zrem_many(K_FREE, ids)
  for i, id in ipairs(ids) do
    if not is_live(packed[i], expires[i], now) then
      gone[#gone + 1] = id
      if packed[i] then expired = expired + 1 end
    else
      local count = tonumber(counts[i]) or 0
      if dlq_base and count >= max_claims then
        move_to_dead_letter_queue(id, packed[i], tonumber(expires[i]), count)
        out[1] = out[1] + 1
      else
        local message_expires = tonumber(expires[i])
        if message_expires < min_expires then
          message_expires = min_expires
          extended[#extended + 1] = message_expires
          extended[#extended + 1] = id
        end
        claimed_ids[#claimed_ids + 1] = id
        claimed_scores[#claimed_scores + 1] = claim_expires
        claimed_scores[#claimed_scores + 1] = id
        holders[#holders + 1] = id
        holders[#holders + 1] = claim
        counts_after[#counts_after + 1] = id
        counts_after[#counts_after + 1] = count + 1
        append_message(out, id, packed[i], tostring(message_expires), claim, tostring(count + 1))
      end
      taken = taken + 1
    end
  end
  remove_messages(gone)
end
count_expired(expired)
if #claimed_ids > 0 then
  hset_many(K_CL, holders)
  hset_many(K_CC, counts_after)
  zadd_many(K_CLAIMED, claimed_scores)
  zadd_many(K_EXPIRY, extended)
  redis.call('HSET', ckey(claim), 't', ttl, 'u', now, 'x', claim_expires, 'ids', table.concat(claimed_ids, ' '))
  expire_claim_key(claim, claim_expires, now)
  redis.call('ZADD', K_CLAIMS, claim_expires, claim)
end
return out
