#include "session.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "filter_helper.h"

#ifndef LABCHECK_BUILD_PLUGIN_DIR
#define LABCHECK_BUILD_PLUGIN_DIR ""
#endif

namespace labcheck {

namespace {

std::string resolve_tshark(const std::string &name) {
    const std::string path = find_program(name);
    if (path.empty())
        throw EnvironmentError(fmt::format(
            "tshark not found ({}): install it (apt-get install tshark) or pass --tshark PATH",
            name));
    return path;
}

PluginLocation locate_plugin(const ToolOptions &options, const std::string &abi) {
    PluginLocation plugin =
        choose_plugin(options.plugin_dir, options.system_plugin,
                      std::getenv("WIRESHARK_PLUGIN_DIR"), LABCHECK_BUILD_PLUGIN_DIR);
    std::error_code ec;
    if (!plugin.system && !std::filesystem::is_regular_file(plugin.file(abi), ec))
        throw EnvironmentError(fmt::format(
            "no labproto plugin at {} (from {}): build it (cmake --build build), point "
            "--plugin-dir at a folder laid out as DIR/{}/epan/labproto.so, or use --system-plugin",
            plugin.file(abi), plugin.origin, abi));
    return plugin;
}

}  // namespace

Session::Session(const ToolOptions &options, const std::vector<PlannedSpec> &specs)
    : verbose_(options.verbose) {
    const std::string tshark = resolve_tshark(options.tshark);
    const Version version = tshark_version(tshark);
    const std::string abi = fmt::format("{}.{}", version.major(), version.minor());
    log(fmt::format("tshark {} at {}", version.str(), tshark));
    try {
        launcher_ =
            std::make_unique<TsharkLauncher>(tshark, locate_plugin(options, abi), abi, sandbox_);
    } catch (const EnvironmentError &) {
        throw;
    } catch (const std::exception &e) {
        throw EnvironmentError(e.what());
    }
    log(launcher_->description());
    tools_ =
        preflight(*launcher_, version, specs, sandbox_, [this](const std::string &l) { log(l); });
    const std::string helper = sandbox_.write_file("labcheck-filters.lua", filter_helper_script());
    context_ = std::make_unique<RunContext>(
        RunContext{*launcher_, tools_, helper, options.timeout_seconds});
}

void Session::log(const std::string &line) const {
    if (verbose_) std::fprintf(stderr, "labcheck: %s\n", line.c_str());
}

}  // namespace labcheck
