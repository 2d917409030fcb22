// Runs a program (GLib's g_spawn) and streams its stdout line by line,
// killing it after a timeout. stderr goes to an anonymous file so a chatty
// child can never block on a full pipe.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tshark_command.h"

namespace labcheck {

struct Command {
    std::vector<std::string> argv;
    std::vector<std::string> env;  // "NAME=value", the child's whole environment
    std::string cwd;               // empty: labcheck's own
};

class SpawnError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Calls `on_line` for every stdout line (without the newline); when it
// returns false the child is killed. `timeout_seconds` 0 means none.
// Throws SpawnError when the program cannot be started.
ProcessOutcome run_process(const Command &command, int timeout_seconds,
                           const std::function<bool(const std::string &)> &on_line);

// Runs the command on labcheck's own stdin, stdout and stderr and waits for
// it, with no timeout. In its own process group, to which labcheck passes
// on SIGINT and SIGTERM (see interrupts::forward_to). Throws SpawnError.
ProcessOutcome run_attached(const Command &command);

// The whole stdout of a short command.
std::string run_for_output(const Command &command, int timeout_seconds, ProcessOutcome *outcome);

}  // namespace labcheck
