-- ARGV: now, count, the metadata JSON the messages were built from ('' when not to check), then per
-- message: id, packed ("created\nclient\nchecksum\nbody"), ttl seconds, delay seconds.
-- KEYS[2]: the queue's subscriptions hash.
-- Returns 0 when the queue does not exist, -1 when its metadata is no longer that JSON, else 1, or 2
-- when the queue has subscriptions.
if redis.call('EXISTS', base) == 0 then return 0 end
if ARGV[3] ~= '' and redis.call('HGET', base, 'meta') ~= ARGV[3] then return -1 end
local now = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
remove_expired(now, 100)
local marker = redis.call('HINCRBY', base, 'ctr', count) - count
local fields, all, expiry, free, delayed = {}, {}, {}, {}, {}
for i = 0, count - 1 do
  local at = 4 + i * 4
  local id = ARGV[at]
  local delay = tonumber(ARGV[at + 3])
  marker = marker + 1
  fields[#fields + 1] = id
  fields[#fields + 1] = ARGV[at + 1]
  all[#all + 1] = marker
  all[#all + 1] = id
  expiry[#expiry + 1] = now + tonumber(ARGV[at + 2]) * 1000
  expiry[#expiry + 1] = id
  if delay > 0 then
    delayed[#delayed + 1] = now + delay * 1000
    delayed[#delayed + 1] = id
  else
    free[#free + 1] = marker
    free[#free + 1] = id
  end
end
hset_many(K_MSG, fields)
zadd_many(K_ALL, all)
zadd_many(K_EXPIRY, expiry)
zadd_many(K_FREE, free)
zadd_many(K_DELAYED, delayed)
return 1 + redis.call('EXISTS', KEYS[2])
