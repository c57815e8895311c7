-- ARGV: now, marker ('' from the start), limit, echo (1/0), client id, include claimed (1/0), include delayed (1/0).
-- Returns {next marker or '', message tuples...}.
if redis.call('EXISTS', base) == 0 then return {''} end
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[3])
local echo = ARGV[4] == '1'
local client = ARGV[5]
local include_claimed = ARGV[6] == '1'
local include_delayed = ARGV[7] == '1'
local source = K_ALL
if not include_claimed and not include_delayed then
  -- the common listing reads only free messages, so claimed ones cost nothing to skip
  release_expired_claims(now, HOUSEKEEPING_BOUND)
  promote_delayed(now, HOUSEKEEPING_BOUND)
  source = K_FREE
end
local min = '-inf'
if ARGV[2] ~= '' then min = '(' .. ARGV[2] end
local out = {''}
local found = 0
local last = nil
local batch = limit * 2
if batch < 50 then batch = 50 end
while found < limit do
  local page = redis.call('ZRANGEBYSCORE', source, min, '+inf', 'WITHSCORES', 'LIMIT', 0, batch)
  if #page == 0 then break end
  for i = 1, #page, 2 do
    local id = page[i]
    local marker = page[i + 1]
    min = '(' .. marker
    local f = read_message(id)
    if is_live(f, now)
        and (include_delayed or not f[9] or tonumber(f[9]) <= now)
        and (include_claimed or not f[6] or tonumber(f[6]) <= now)
        and (echo or client == '' or f[8] ~= client) then
      append_message(out, id, f, now)
      found = found + 1
      last = marker
      if found >= limit then break end
    end
  end
  if #page < batch * 2 then break end
end
if last then out[1] = last end
return out
