-- ARGV: now, ids... Returns the tuples of the live messages among the ids, in order.
local now = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local f = read_message(ARGV[i])
  if is_live(f, now) then
    append_message(out, ARGV[i], f, now)
  end
end
return out
