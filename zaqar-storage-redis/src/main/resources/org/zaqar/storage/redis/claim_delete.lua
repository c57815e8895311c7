-- ARGV: now, claim id. Frees the messages the claim still holds and forgets the claim.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local key = ckey(claim)
local ids = redis.call('HGET', key, 'ids')
for _, id in ipairs(split(ids)) do
  local mk = mkey(id)
  local f = redis.call('HMGET', mk, 'cl', 'ce', 'mk')
  if f[1] == claim and f[2] and tonumber(f[2]) > now then
    redis.call('HDEL', mk, 'cl', 'ce')
    redis.call('ZREM', K_CLAIMED, id)
    redis.call('ZADD', K_FREE, f[3], id)
  end
end
redis.call('DEL', key)
redis.call('ZREM', K_CLAIMS, claim)
return 1
