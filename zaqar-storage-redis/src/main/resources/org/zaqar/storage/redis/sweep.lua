-- ARGV: now, bound. Garbage collection of one queue: removes expired messages and claims, at most
-- bound of each kind, so that one call holds Redis only briefly. Returns how many messages expired
-- since the last sweep, whatever script removed them, and 1 when a kind reached the bound (more may
-- be left), else 0.
if redis.call('EXISTS', base) == 0 then
  -- leftovers of a deleted queue
  delete_all_of_queue()
  return {0, 0}
end
local now = tonumber(ARGV[1])
local bound = tonumber(ARGV[2])
local busiest = math.max(release_expired_claims(now, bound), promote_delayed(now, bound),
    remove_expired(now, bound))
local expired = tonumber(redis.call('HGET', base, 'expired')) or 0
redis.call('HDEL', base, 'expired')
return {expired, busiest >= bound and 1 or 0}
