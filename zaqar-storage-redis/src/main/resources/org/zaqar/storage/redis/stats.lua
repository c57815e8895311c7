-- ARGV: now. Returns {} when the queue does not exist, else {total, claimed, oldest tuple (or ''), newest tuple (or '')}
-- where a tuple is "id created"; counts leave out expired messages and expired claims.
if redis.call('EXISTS', base) == 0 then return {} end
local now = tonumber(ARGV[1])
-- keeps the scan for the oldest live message short when garbage collection lags behind
remove_expired(now, HOUSEKEEPING_BOUND)
local total = redis.call('ZCARD', K_ALL) - redis.call('ZCOUNT', K_EXPIRY, '-inf', now)
local claimed = redis.call('ZCOUNT', K_CLAIMED, '(' .. now, '+inf')
local function find(from_end)
  local offset = 0
  while true do
    local ids
    if from_end then
      ids = redis.call('ZREVRANGE', K_ALL, offset, offset + 99)
    else
      ids = redis.call('ZRANGE', K_ALL, offset, offset + 99)
    end
    if #ids == 0 then return '' end
    for _, id in ipairs(ids) do
      local f = redis.call('HMGET', mkey(id), 'e', 'c')
      if f[1] and tonumber(f[1]) > now then return id .. ' ' .. f[2] end
    end
    offset = offset + 100
  end
end
local oldest = ''
local newest = ''
if total > 0 then
  oldest = find(false)
  newest = find(true)
end
return {total, claimed, oldest, newest}
