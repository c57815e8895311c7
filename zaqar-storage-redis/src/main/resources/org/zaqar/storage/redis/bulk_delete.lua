-- ARGV: now, id count, ids..., then the claim ids; with no claim ids (and ARGV[2] negative) every id is deleted.
-- A message held by a live claim not among the claim ids is kept. Returns the number deleted.
local now = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local filtered = count < 0
if filtered then count = -count end
local allowed = {}
for i = 3 + count, #ARGV do allowed[ARGV[i]] = true end
local deleted = 0
for i = 3, 2 + count do
  local id = ARGV[i]
  local keep = false
  if filtered then
    local f = redis.call('HMGET', mkey(id), 'e', 'cl', 'ce')
    if f[1] and tonumber(f[1]) > now and f[2] and f[3] and tonumber(f[3]) > now and not allowed[f[2]] then
      keep = true
    end
  end
  if not keep then
    deleted = deleted + redis.call('DEL', mkey(id))
    unindex_message(id)
  end
end
return deleted
