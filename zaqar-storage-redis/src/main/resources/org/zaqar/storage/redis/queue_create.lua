-- KEYS: base, project index, projects set. ARGV: name, project, metadata json, max claim count,
-- dead-letter queue, dead-letter ttl ('' when unset). Returns 1 when created, 0 when it existed.
if redis.call('EXISTS', base) == 1 then return 0 end
redis.call('HSET', base, 'meta', ARGV[3], 'ctr', 0)
if ARGV[4] ~= '' then redis.call('HSET', base, 'mcc', ARGV[4]) end
if ARGV[5] ~= '' then redis.call('HSET', base, 'dlq', ARGV[5]) end
if ARGV[6] ~= '' then redis.call('HSET', base, 'dlqttl', ARGV[6]) end
redis.call('ZADD', KEYS[2], 0, ARGV[1])
redis.call('SADD', KEYS[3], ARGV[2])
return 1
