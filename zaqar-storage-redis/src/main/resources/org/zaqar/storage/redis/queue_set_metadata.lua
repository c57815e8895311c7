-- ARGV: metadata json, max claim count, dead-letter queue, dead-letter ttl ('' when unset).
-- Returns 0 when the queue does not exist.
if redis.call('EXISTS', base) == 0 then return 0 end
redis.call('HSET', base, 'meta', ARGV[1])
local fields = {'mcc', 'dlq', 'dlqttl'}
for i, field in ipairs(fields) do
  if ARGV[i + 1] ~= '' then
    redis.call('HSET', base, field, ARGV[i + 1])
  else
    redis.call('HDEL', base, field)
  end
end
return 1
