// The pure half of `labcheck tshark`: which of tshark's arguments name
// captures to stage, what exit status to pass on, and the JSON that
// --print-command hands to callers who run tshark themselves.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tshark_command.h"

namespace labcheck {

// `args` with every capture tshark reads (-r FILE, -rFILE, --read-file FILE,
// --read-file=FILE) replaced by stage(FILE); "-" (standard input) is kept.
std::vector<std::string> stage_capture_arguments(
    const std::vector<std::string> &args,
    const std::function<std::string(const std::string &)> &stage);

// `base` ("NAME=value" entries) with each of `extra` replacing the entry of
// the same name, or added after the others: a child's environment has each
// name once, or getenv() might not see the override.
std::vector<std::string> with_environment(std::vector<std::string> base,
                                          const std::vector<std::string> &extra);

// The status a shell would see had tshark run in labcheck's place: its own,
// or 128 + the signal that ended it.
int passthrough_status(const ProcessOutcome &outcome);

// How to run tshark with the plugin, for callers that append their own
// arguments: `argv` ends with tshark itself, `env` ("NAME=value") is its
// whole environment, `cwd` the folder to run it in, `plugin` the labproto.so
// it was seen to load ("" when none should load).
struct TsharkPrefix {
    std::vector<std::string> argv;
    std::vector<std::string> env;
    std::string cwd;
    std::string plugin;
    std::string plugin_dir;  // WIRESHARK_PLUGIN_DIR ("" with the system plugin)
    std::string tshark_version;
    bool as_nobody = false;
};

// One JSON object, keys in the order above, env as an object in its order.
std::string prefix_json(const TsharkPrefix &prefix);

}  // namespace labcheck
