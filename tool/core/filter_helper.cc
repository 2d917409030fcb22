#include "filter_helper.h"

namespace labcheck {

const std::string &filter_helper_script() {
    // Lines: {"labcheck_match":[filter id, frame number]} before each
    // matching frame's -T ek line (same stdout buffer), and
    // {"labcheck_ready":N} once every listener is registered: tshark keeps
    // going silently when a Lua script fails, so its absence is an error.
    static const std::string script = R"lua(-- labcheck filter helper
local filters = { ... }
for i, filter in ipairs(filters) do
  local id = i - 1
  local listener = Listener.new(nil, filter)
  function listener.packet(pinfo)
    io.write('{"labcheck_match":[', id, ',', pinfo.number, ']}\n')
  end
end
io.write('{"labcheck_ready":', #filters, '}\n')
)lua";
    return script;
}

std::vector<std::string> filter_helper_arguments(const std::string &script_path,
                                                 const std::vector<std::string> &filters) {
    std::vector<std::string> args = {"-X", "lua_script:" + script_path};
    for (const std::string &f : filters) {
        args.push_back("-X");
        args.push_back("lua_script1:" + f);
    }
    return args;
}

}  // namespace labcheck
