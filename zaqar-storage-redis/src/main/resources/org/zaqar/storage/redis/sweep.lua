-- ARGV: now, bound. Garbage collection of one queue: removes expired messages and claims.
if redis.call('EXISTS', base) == 0 then
  -- leftovers of a deleted queue
  delete_all_of_queue()
  return 0
end
local now = tonumber(ARGV[1])
local bound = tonumber(ARGV[2])
release_expired_claims(now, bound)
promote_delayed(now, bound)
return remove_expired(now, bound)
