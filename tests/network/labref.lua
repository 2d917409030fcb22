-- labref.lua: the network harness's second opinion, not part of the product.
-- The lab protocol framed by nothing but tshark's own tcp_dissect_pdus, so a
-- message it misses is one TCP never handed to any dissector (tshark's limit),
-- not a labproto bug. Run with labproto disabled:
--   tshark --disable-protocol labproto -X lua_script:labref.lua [-o labref.big_endian:TRUE]
local proto = Proto("labref", "Lab protocol, tcp_dissect_pdus reference")
local f_len = ProtoField.uint32("labref.len", "Length")
local f_payload = ProtoField.bytes("labref.payload", "Payload")
proto.fields = { f_len, f_payload }
proto.prefs.big_endian = Pref.bool("Big-endian lengths", false, "Length field in network order")

local function length(field) -- a 4-byte TvbRange
    return proto.prefs.big_endian and field:uint() or field:le_uint()
end

local function dissect_message(tvb, pinfo, tree)
    local t = tree:add(proto, tvb())
    t:add(f_len, tvb(0, 4), length(tvb(0, 4)))
    t:add(f_payload, tvb(4)) -- an empty message still gets a (zero-byte) payload
    return tvb:len()
end

function proto.dissector(tvb, pinfo, tree)
    dissect_tcp_pdus(tvb, tree, 4, function(t, p, offset) return 4 + length(t(offset, 4)) end,
                     dissect_message, true)
    return tvb:len()
end

DissectorTable.get("tcp.port"):add("9000,9100", proto)
