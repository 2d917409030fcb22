// What every labcheck command needs before it runs tshark on a capture: the
// tshark binary and its version, the plugin, a sandbox, the launcher, and a
// passed preflight for the specs at hand.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capture_run.h"
#include "preflight.h"
#include "sandbox.h"
#include "tshark_launcher.h"

namespace labcheck {

struct ToolOptions {
    std::string tshark = "tshark";
    std::optional<std::string> plugin_dir;
    bool system_plugin = false;
    int timeout_seconds = 300;
    bool verbose = false;
    bool hex = false;  // message bodies in hex in the differences
};

// The tshark to run, as a path: EnvironmentError when there is none.
std::string resolve_tshark(const std::string &name);
// The plugin the options ask for (see choose_plugin): EnvironmentError when
// its folder does not exist.
PluginLocation chosen_plugin(const ToolOptions &options);

class Session {
  public:
    // Throws EnvironmentError (exit 2) when anything is missing.
    Session(const ToolOptions &options, const std::vector<PlannedSpec> &specs);

    const RunContext &context() const { return *context_; }
    const Toolchain &tools() const { return tools_; }
    const TsharkLauncher &launcher() const { return *launcher_; }
    void log(const std::string &line) const;

  private:
    bool verbose_;
    std::unique_ptr<Sandbox> sandbox_;
    std::unique_ptr<TsharkLauncher> launcher_;
    Toolchain tools_;
    std::unique_ptr<RunContext> context_;
};

}  // namespace labcheck
