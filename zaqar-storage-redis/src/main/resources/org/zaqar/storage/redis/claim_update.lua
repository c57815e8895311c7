-- ARGV: now, claim id, ttl seconds, grace seconds. Returns 0 when the claim is missing or expired.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local ttl = tonumber(ARGV[3])
local grace = tonumber(ARGV[4])
local key = ckey(claim)
local c = redis.call('HMGET', key, 'x', 'ids')
if not c[1] or tonumber(c[1]) <= now or not is_claim_of_queue(claim) then return 0 end
local claim_expires = now + ttl * 1000
local min_expires = claim_expires + grace * 1000
redis.call('HSET', key, 't', ttl, 'u', now, 'x', claim_expires)
expire_claim_key(claim, claim_expires, now)
redis.call('ZADD', K_CLAIMS, claim_expires, claim)
local ids = split(c[2])
local packed, expires, old_claim_expires, claim_ids = read_messages(ids)
local held, extended = {}, {}
for i, id in ipairs(ids) do
  if is_live(packed[i], expires[i], now) and live_claim(old_claim_expires[i], claim_ids[i], now) == claim then
    held[#held + 1] = claim_expires
    held[#held + 1] = id
    if tonumber(expires[i]) < min_expires then
      extended[#extended + 1] = min_expires
      extended[#extended + 1] = id
    end
  end
end
zadd_many(K_CLAIMED, held)
zadd_many(K_EXPIRY, extended)
return 1
