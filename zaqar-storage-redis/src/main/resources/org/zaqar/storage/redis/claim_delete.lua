-- ARGV: now, claim id. Frees the messages the claim still holds and forgets the claim.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local key = ckey(claim)
local ids = split(redis.call('HGET', key, 'ids'))
if #ids > 0 then
  local claim_expires = read_many('ZMSCORE', K_CLAIMED, ids)
  local claim_ids = read_many('HMGET', K_CL, ids)
  local held = {}
  for i, id in ipairs(ids) do
    if live_claim(claim_expires[i], claim_ids[i], now) == claim then held[#held + 1] = id end
  end
  if #held > 0 then
    hdel_many(K_CL, held)
    zrem_many(K_CLAIMED, held)
    free_again(held)
  end
end
redis.call('DEL', key)
redis.call('ZREM', K_CLAIMS, claim)
return 1
