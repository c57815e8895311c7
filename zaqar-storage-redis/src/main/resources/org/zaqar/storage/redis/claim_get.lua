-- ARGV: now, claim id. Returns {} when the claim is missing or expired, else {ttl, updated, message tuples...}.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local c = redis.call('HMGET', ckey(claim), 't', 'u', 'x', 'ids')
if not c[3] or tonumber(c[3]) <= now or not is_claim_of_queue(claim) then return {} end
local out = {c[1], c[2]}
local ids = split(c[4])
local packed, expires, claim_expires, claim_ids, counts = read_messages(ids)
for i, id in ipairs(ids) do
  if is_live(packed[i], expires[i], now) and live_claim(claim_expires[i], claim_ids[i], now) == claim then
    append_message(out, id, packed[i], expires[i], claim, counts[i])
  end
end
return out
