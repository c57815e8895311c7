-- ARGV: now. Returns {} when the queue does not exist, else {total, claimed, oldest, newest}
-- where oldest and newest are "id created" or ''; expired messages and claims are not counted.
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
    local expires = read_many('ZMSCORE', K_EXPIRY, ids)
    for i, id in ipairs(ids) do
      if expires[i] and tonumber(expires[i]) > now then
        local packed = redis.call('HGET', K_MSG, id)
        if packed then return id .. ' ' .. created_of(packed) end
      end
    end
    offset = offset + 100
  end
end
local oldest, newest = '', ''
if total > 0 then
  oldest = find(false)
  newest = find(true)
end
return {total, claimed, oldest, newest}
