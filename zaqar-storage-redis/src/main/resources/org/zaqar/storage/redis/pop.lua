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
  for _, id in ipairs(ids) do
    local f = read_message(id)
    if is_live(f, now) then
      append_message(out, id, f, now)
      found = found + 1
    end
    remove_message(id)
  end
end
return out
