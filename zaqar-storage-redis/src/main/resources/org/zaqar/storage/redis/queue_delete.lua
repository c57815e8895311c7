-- KEYS: base, project index, projects set. ARGV: name, project.
delete_all_of_queue()
redis.call('DEL', base)
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[3], ARGV[2]) end
return 1
