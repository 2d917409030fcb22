-- labproto_ref.lua: a Lua labproto dissector, the benchmark's comparison baseline only.
--
-- It decodes what the native plugin decodes for a message -- length, payload,
-- text (UTF-8, else EUC-KR: Lua has no CP949), direction and per-direction
-- message index -- the way a Lua dissector is usually written: dissect_tcp_pdus,
-- ProtoFields, the Info column. It has no lifecycle analysis, preferences or
-- error handling beyond what the benchmark captures need. It registers as
-- `labproto_lua` so that it can be loaded next to the plugin:
--
--     tshark --disable-protocol labproto -X lua_script:bench/labproto_ref.lua -r x.pcap
--
-- tshark ignores a missing or broken script without a word: check that
-- `tshark -X lua_script:... -G protocols` lists labproto_lua.

local SERVER_PORT = 9000
local HEADER_LEN = 4

local proto = Proto("labproto_lua", "Lab Length-Prefixed Protocol (Lua reference)")

local f_direction = ProtoField.uint8("labproto_lua.direction", "Direction", base.DEC,
                                     { [0] = "Client to server", [1] = "Server to client" })
local f_msg_index = ProtoField.uint32("labproto_lua.msg_index", "Message index", base.DEC)
local f_len = ProtoField.uint32("labproto_lua.len", "Length", base.DEC)
local f_payload = ProtoField.bytes("labproto_lua.payload", "Payload")
local f_text = ProtoField.string("labproto_lua.text", "Text")
local f_encoding = ProtoField.string("labproto_lua.encoding", "Text encoding")
proto.fields = { f_direction, f_msg_index, f_len, f_payload, f_text, f_encoding }

local tcp_stream = Field.new("tcp.stream")

-- Message indices are counted on the first pass and remembered per frame, so
-- that tshark -2 and the GUI show the same numbers on later passes.
local messages_sent = {}   -- [stream * 2 + direction] = messages so far
local frame_indices = {}   -- [frame number] = { index of its 1st message, 2nd, ... }
local current_frame, ordinal = nil, 0

function proto.init()
    messages_sent, frame_indices, current_frame, ordinal = {}, {}, nil, 0
end

local function message_index(pinfo, direction)
    if pinfo.number ~= current_frame then
        current_frame, ordinal = pinfo.number, 0
    end
    ordinal = ordinal + 1
    local indices = frame_indices[pinfo.number]
    if pinfo.visited and indices and indices[ordinal] then
        return indices[ordinal]
    end
    local key = tcp_stream().value * 2 + direction
    local index = (messages_sent[key] or 0) + 1
    messages_sent[key] = index
    if not indices then
        indices = {}
        frame_indices[pinfo.number] = indices
    end
    indices[ordinal] = index
    return index
end

-- Whether s is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
local function is_utf8(s)
    if not s:find("[\128-\255]") then
        return true -- ASCII
    end
    local i, n = 1, #s
    while i <= n do
        local c = s:byte(i)
        local extra, low, high = 0, 0x80, 0xBF
        if c < 0x80 then
            extra = 0
        elseif c >= 0xC2 and c <= 0xDF then
            extra = 1
        elseif c >= 0xE0 and c <= 0xEF then
            extra = 2
            if c == 0xE0 then low = 0xA0 elseif c == 0xED then high = 0x9F end
        elseif c >= 0xF0 and c <= 0xF4 then
            extra = 3
            if c == 0xF0 then low = 0x90 elseif c == 0xF4 then high = 0x8F end
        else
            return false
        end
        for k = 1, extra do
            local b = s:byte(i + k)
            if not b or b < low or b > high then
                return false
            end
            low, high = 0x80, 0xBF
        end
        i = i + extra + 1
    end
    return true
end

local function add_text(tree, body)
    local encoding, name = ENC_UTF_8, "UTF-8"
    if not is_utf8(body:raw()) then
        encoding, name = ENC_EUC_KR, "EUC-KR"
    end
    local _, text = tree:add_packet_field(f_text, body, encoding)
    tree:add(f_encoding, body, name):set_generated()
    return text
end

-- At most `bytes` bytes of a UTF-8 string, not cutting a character in two.
local function preview(text, bytes)
    if #text <= bytes then
        return text
    end
    local cut = bytes + 1
    while cut > 1 and text:byte(cut) >= 0x80 and text:byte(cut) < 0xC0 do
        cut = cut - 1
    end
    return text:sub(1, cut - 1) .. "…"
end

local function get_message_len(tvb, pinfo, offset)
    return HEADER_LEN + tvb(offset, HEADER_LEN):le_uint()
end

local function dissect_message(tvb, pinfo, tree)
    local direction = pinfo.dst_port == SERVER_PORT and 0 or 1
    local index = message_index(pinfo, direction)
    local length = tvb(0, HEADER_LEN):le_uint()

    local subtree = tree:add(proto, tvb())
    subtree:add(f_direction, direction):set_generated()
    subtree:add(f_msg_index, index):set_generated()
    subtree:add_le(f_len, tvb(0, HEADER_LEN))
    -- Even an empty message gets payload and text, as in the plugin, so that
    -- field occurrences line up message by message.
    local body = tvb(HEADER_LEN, length)
    subtree:add(f_payload, body)
    local text = add_text(subtree, body) or ""

    pinfo.cols.protocol = "LABPROTO_LUA"
    local summary = string.format("%s #%d len=%d \"%s\"", direction == 0 and "c→s" or "s→c",
                                  index, length, preview(text, 48))
    if ordinal == 1 then
        pinfo.cols.info = summary
    else
        pinfo.cols.info:append(", " .. summary)
    end
    return tvb:len()
end

function proto.dissector(tvb, pinfo, tree)
    dissect_tcp_pdus(tvb, tree, HEADER_LEN, get_message_len, dissect_message, true)
    return tvb:len()
end

DissectorTable.get("tcp.port"):add(SERVER_PORT, proto)
