// `labcheck tshark [--print-command --stage DIR] [--no-plugin] -- ARGS...`:
// the one way to run tshark with exactly the chosen plugin. It is staged
// and checked as for `labcheck PATH` (see TsharkLauncher and require_plugin),
// then tshark runs with ARGS in labcheck's place -- or, with --print-command,
// the command is printed for callers (the integration tests, the benchmark)
// that run tshark many times themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "session.h"

namespace labcheck {

struct PassthroughOptions {
    ToolOptions tool;
    std::vector<std::string> args;  // for tshark
    bool print_command = false;
    std::optional<std::string> stage;  // the caller's folder, kept afterwards
    bool no_plugin = false;            // an empty plugin folder; labproto must not load
    std::vector<std::string> env;      // NAME=value for tshark, checked with it too
};

// tshark's own exit status (128 + signal when one ended it), or 2 when the
// plugin cannot be staged or tshark does not load it.
int run_passthrough(const PassthroughOptions &options);

}  // namespace labcheck
