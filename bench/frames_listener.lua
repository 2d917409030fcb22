-- The Lua listener labcheck used to evaluate its specs' display filters
-- (before the plugin's -z labproto,frames tap): one tap listener per filter,
-- the filters given as -X lua_script1:FILTER arguments in order. Prints
--     {"labcheck_match":[ID,FRAME]}
-- for every frame matching filter ID, and {"labcheck_ready":N} once all N
-- listeners are registered (tshark goes on silently when a script fails).
-- For bench/filters.py only, the comparison's reference: labcheck is Lua-free.
local filters = { ... }
for i, filter in ipairs(filters) do
  local id = i - 1
  local listener = Listener.new(nil, filter)
  function listener.packet(pinfo)
    io.write('{"labcheck_match":[', id, ',', pinfo.number, ']}\n')
  end
end
io.write('{"labcheck_ready":', #filters, '}\n')
