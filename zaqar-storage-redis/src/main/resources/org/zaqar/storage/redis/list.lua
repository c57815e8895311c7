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
local batch = math.max(limit * 2, 50)
while found < limit do
  local page = redis.call('ZRANGEBYSCORE', source, min, '+inf', 'WITHSCORES', 'LIMIT', 0, batch)
  if #page == 0 then break end
  local ids, markers = {}, {}
  for i = 1, #page, 2 do
    ids[#ids + 1] = page[i]
    markers[#markers + 1] = page[i + 1]
  end
  local packed, expires, claim_expires, claim_ids, counts = read_messages(ids)
  local visible_at = {}
  if not include_delayed and source == K_ALL then
    visible_at = read_many('ZMSCORE', K_DELAYED, ids)
  end
  for i, id in ipairs(ids) do
    min = '(' .. markers[i]
    if is_live(packed[i], expires[i], now) then
      local claim = live_claim(claim_expires[i], claim_ids[i], now)
      if (include_delayed or not visible_at[i] or tonumber(visible_at[i]) <= now)
          and (include_claimed or not claim)
          and (echo or client == '' or client_of(packed[i]) ~= client) then
        append_message(out, id, packed[i], expires[i], claim, counts[i])
        found = found + 1
        last = markers[i]
        if found >= limit then break end
      end
    end
  end
  if #ids < batch then break end
end
if last then out[1] = last end
return out
