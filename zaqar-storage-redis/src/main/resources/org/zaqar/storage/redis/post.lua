-- ARGV: now, client id, count, then per message: id, body, ttl seconds, delay seconds, checksum.
-- Returns 0 when the queue does not exist, else 1.
if redis.call('EXISTS', base) == 0 then return 0 end
local now = tonumber(ARGV[1])
local client = ARGV[2]
local count = tonumber(ARGV[3])
remove_expired(now, 100)
local last = redis.call('HINCRBY', base, 'ctr', count)
local marker = last - count
local all, expiry, free, delayed = {}, {}, {}, {}
for i = 0, count - 1 do
  local at = 4 + i * 5
  local id = ARGV[at]
  local ttl = tonumber(ARGV[at + 2])
  local delay = tonumber(ARGV[at + 3])
  local checksum = ARGV[at + 4]
  local expires = now + ttl * 1000
  marker = marker + 1
  local key = mkey(id)
  local fields = {'b', ARGV[at + 1], 'c', now, 'e', expires, 't', ttl, 'mk', marker, 'cc', 0}
  if client ~= '' then fields[#fields + 1] = 'u'; fields[#fields + 1] = client end
  if checksum ~= '' then fields[#fields + 1] = 'k'; fields[#fields + 1] = checksum end
  local visible = now + delay * 1000
  if delay > 0 then fields[#fields + 1] = 'd'; fields[#fields + 1] = visible end
  redis.call('HSET', key, unpack(fields))
  pexpire(key, expires, now)
  all[#all + 1] = marker; all[#all + 1] = id
  expiry[#expiry + 1] = expires; expiry[#expiry + 1] = id
  if delay > 0 then
    delayed[#delayed + 1] = visible; delayed[#delayed + 1] = id
  else
    free[#free + 1] = marker; free[#free + 1] = id
  end
end
zadd_many(K_ALL, all)
zadd_many(K_EXPIRY, expiry)
zadd_many(K_FREE, free)
zadd_many(K_DELAYED, delayed)
return 1
