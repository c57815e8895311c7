-- ARGV: now, message id, claim id ('' for none).
-- Returns 'OK', 'IS_CLAIMED', 'NOT_CLAIMED' or 'NOT_CLAIMED_BY'.
local now = tonumber(ARGV[1])
local id = ARGV[2]
local claim = ARGV[3]
local expires = redis.call('ZSCORE', K_EXPIRY, id)
if not expires or tonumber(expires) <= now or redis.call('HEXISTS', K_MSG, id) == 0 then
  remove_messages({id})
  return 'OK'
end
local holder = live_claim(redis.call('ZSCORE', K_CLAIMED, id), redis.call('HGET', K_CL, id), now)
if claim == '' then
  if holder then return 'IS_CLAIMED' end
else
  if not holder then return 'NOT_CLAIMED' end
  if holder ~= claim then return 'NOT_CLAIMED_BY' end
end
remove_messages({id})
return 'OK'
