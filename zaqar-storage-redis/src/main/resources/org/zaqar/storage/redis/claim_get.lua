-- ARGV: now, claim id. Returns {} when the claim is missing or expired, else {ttl, updated, message tuples...}.
local now = tonumber(ARGV[1])
local claim = ARGV[2]
local c = redis.call('HMGET', ckey(claim), 't', 'u', 'x', 'ids')
if not c[3] or tonumber(c[3]) <= now then return {} end
local out = {c[1], c[2]}
for _, id in ipairs(split(c[4])) do
  local f = read_message(id)
  if is_live(f, now) and f[5] == claim and f[6] and tonumber(f[6]) > now then
    append_message(out, id, f, now)
  end
end
return out
