-- ARGV: now, client id, count, then per message: id, body, ttl seconds, delay seconds, checksum.
-- Returns 0 when the queue does not exist, else 1.
if redis.call('EXISTS', base) == 0 then return 0 end
local now = tonumber(ARGV[1])
local client = ARGV[2]
local count = tonumber(ARGV[3])
remove_expired(now, 100)
local last = redis.call('HINCRBY', base, 'ctr', count)
local marker = last - count
for i = 0, count - 1 do
  local at = 4 + i * 5
  local id = ARGV[at]
  local ttl = tonumber(ARGV[at + 2])
  local delay = tonumber(ARGV[at + 3])
  local checksum = ARGV[at + 4]
  local expires = now + ttl * 1000
  marker = marker + 1
  local key = mkey(id)
  redis.call('HSET', key, 'b', ARGV[at + 1], 'c', now, 'e', expires, 't', ttl, 'mk', marker, 'cc', 0)
  if client ~= '' then redis.call('HSET', key, 'u', client) end
  if checksum ~= '' then redis.call('HSET', key, 'k', checksum) end
  pexpire(key, expires, now)
  redis.call('ZADD', K_ALL, marker, id)
  redis.call('ZADD', K_EXPIRY, expires, id)
  if delay > 0 then
    local visible = now + delay * 1000
    redis.call('HSET', key, 'd', visible)
    redis.call('ZADD', K_DELAYED, visible, id)
  else
    redis.call('ZADD', K_FREE, marker, id)
  end
end
return 1
