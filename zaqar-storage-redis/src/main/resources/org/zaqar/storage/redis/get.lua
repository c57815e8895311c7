-- ARGV: now, ids... Returns the tuples of the live messages among the ids, in order.
local now = tonumber(ARGV[1])
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
local packed, expires, claim_expires, claim_ids, counts = read_messages(ids)
local out = {}
for i, id in ipairs(ids) do
  if is_live(packed[i], expires[i], now) then
    append_message(out, id, packed[i], expires[i], live_claim(claim_expires[i], claim_ids[i], now), counts[i])
  end
end
return out
