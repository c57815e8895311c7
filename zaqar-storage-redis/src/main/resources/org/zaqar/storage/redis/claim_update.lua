-- ARGV: now, claim id, ttl seconds, grace seconds. Returns 0 when the claim is missing or expired.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local ttl = tonumber(ARGV[3])
local grace = tonumber(ARGV[4])
local key = ckey(claim)
local c = redis.call('HMGET', key, 'x', 'ids')
if not c[1] or tonumber(c[1]) <= now then return 0 end
local claim_expires = now + ttl * 1000
local min_expires = claim_expires + grace * 1000
redis.call('HSET', key, 't', ttl, 'u', now, 'x', claim_expires)
pexpire(key, claim_expires, now)
redis.call('ZADD', K_CLAIMS, claim_expires, claim)
for _, id in ipairs(split(c[2])) do
  local mk = mkey(id)
  local f = redis.call('HMGET', mk, 'e', 'cl', 'ce')
  if f[1] and f[2] == claim and tonumber(f[3]) > now then
    local expires = tonumber(f[1])
    if expires < min_expires then expires = min_expires end
    redis.call('HSET', mk, 'ce', claim_expires, 'e', expires)
    pexpire(mk, expires, now)
    redis.call('ZADD', K_CLAIMED, claim_expires, id)
    redis.call('ZADD', K_EXPIRY, expires, id)
  end
end
return 1
