-- ARGV: now, message id, claim id ('' for none).
-- Returns 'OK', 'IS_CLAIMED', 'NOT_CLAIMED' or 'NOT_CLAIMED_BY'.
local now = tonumber(ARGV[1])
local id = ARGV[2]
local claim = ARGV[3]
local f = redis.call('HMGET', mkey(id), 'e', 'cl', 'ce')
if not f[1] or tonumber(f[1]) <= now then
  remove_message(id)
  return 'OK'
end
local live = f[2] and f[3] and tonumber(f[3]) > now
if claim == '' then
  if live then return 'IS_CLAIMED' end
else
  if not live then return 'NOT_CLAIMED' end
  if f[2] ~= claim then return 'NOT_CLAIMED_BY' end
end
remove_message(id)
return 'OK'
