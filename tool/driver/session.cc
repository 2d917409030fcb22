#include "session.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#ifndef LABCHECK_BUILD_PLUGIN_DIR
#define LABCHECK_BUILD_PLUGIN_DIR ""
#endif

namespace labcheck {

std::string resolve_tshark(const std::string &name) {
    const std::string path = find_program(name);
    std::error_code ec;
    if (path.empty() && name.find('/') != std::string::npos && std::filesystem::exists(name, ec))
        throw EnvironmentError(
            fmt::format("{} is not an executable program: pass --tshark the path of tshark", name));
    if (path.empty())
        throw EnvironmentError(fmt::format(
            "tshark not found ({}): install it (apt-get install tshark) or pass --tshark PATH",
            name));
    return path;
}

PluginLocation chosen_plugin(const ToolOptions &options) {
    const PluginLocation plugin =
        choose_plugin(options.plugin_dir, options.system_plugin,
                      std::getenv("WIRESHARK_PLUGIN_DIR"), LABCHECK_BUILD_PLUGIN_DIR);
    std::error_code ec;
    if (!plugin.system && !std::filesystem::is_directory(plugin.dir, ec))
        throw EnvironmentError(
            fmt::format("no plugin folder {} (from {})", plugin.dir, plugin.origin));
    return plugin;
}

Session::Session(const ToolOptions &options, const std::vector<PlannedSpec> &specs)
    : verbose_(options.verbose) {
    const PluginLocation plugin = chosen_plugin(options);
    try {
        const std::string tshark = resolve_tshark(options.tshark);
        // As root tshark runs as nobody on staged copies (see TsharkLauncher).
        sandbox_ = std::make_unique<Sandbox>(running_as_root() && !plugin.system);
        if (!sandbox_->moved_because().empty())
            log(fmt::format("staging in {}: {}", sandbox_->root(), sandbox_->moved_because()));
        launcher_ = std::make_unique<TsharkLauncher>(tshark, plugin, *sandbox_);
    } catch (const EnvironmentError &) {
        throw;
    } catch (const std::exception &e) {  // staging the plugin, finding setpriv
        throw EnvironmentError(e.what());
    }
    tools_ = preflight(*launcher_, specs, *sandbox_, [this](const std::string &l) { log(l); });
    context_ = std::make_unique<RunContext>(RunContext{*launcher_, tools_, options.timeout_seconds,
                                                       options.hex,
                                                       [this](const std::string &l) { log(l); }});
}

void Session::log(const std::string &line) const {
    if (verbose_) std::fprintf(stderr, "labcheck: %s\n", line.c_str());
}

}  // namespace labcheck
