-- ARGV: now, limit. Removes and returns up to limit of the oldest visible unclaimed messages.
if redis.call('EXISTS', base) == 0 then return {} end
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
release_expired_claims(now, HOUSEKEEPING_BOUND)
promote_delayed(now, HOUSEKEEPING_BOUND)
local out = {}
local found = 0
while found < limit do
  local ids = redis.call('ZRANGE', K_FREE, 0, limit - found - 1)
  if #ids == 0 then break end
  local packed, expires, _, _, counts = read_messages(ids)
  for i, id in ipairs(ids) do
    if is_live(packed[i], expires[i], now) then
      append_message(out, id, packed[i], expires[i], nil, counts[i])
      found = found + 1
    end
  end
  remove_messages(ids)
end
return out
