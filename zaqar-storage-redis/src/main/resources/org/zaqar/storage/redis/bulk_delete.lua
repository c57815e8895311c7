-- ARGV: now, id count, ids..., then the claim ids. A negative count means the claim ids filter:
-- a message held by a live claim not among them is kept. Returns the number deleted.
local now = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local filtered = count < 0
if filtered then count = -count end
local ids = {}
for i = 3, 2 + count do ids[#ids + 1] = ARGV[i] end
local doomed = ids
if filtered and #ids > 0 then
  local allowed = {}
  for i = 3 + count, #ARGV do allowed[ARGV[i]] = true end
  local claim_expires = read_many('ZMSCORE', K_CLAIMED, ids)
  local claim_ids = read_many('HMGET', K_CL, ids)
  doomed = {}
  for i, id in ipairs(ids) do
    local holder = live_claim(claim_expires[i], claim_ids[i], now)
    if not holder or allowed[holder] then doomed[#doomed + 1] = id end
  end
end
local deleted = 0
if #doomed > 0 then
  for _, present in ipairs(read_many('HMGET', K_MSG, doomed)) do
    if present then deleted = deleted + 1 end
  end
end
remove_messages(doomed)
return deleted
