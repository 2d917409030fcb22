#include "passthrough_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "tshark_passthrough.h"

namespace labcheck {

namespace {

int fail(const std::string &message) {
    std::fprintf(stderr, "labcheck: %s\n", message.c_str());
    return 2;
}

// The staging folder: the caller's (--stage), or labcheck's own, removed at exit.
std::unique_ptr<Sandbox> make_sandbox(const PassthroughOptions &options, bool for_nobody) {
    if (options.stage) return std::make_unique<Sandbox>(for_nobody, *options.stage);
    return std::make_unique<Sandbox>(for_nobody);
}

TsharkPrefix prefix_of(const TsharkLauncher &launcher, const LoadedPlugin &loaded) {
    const Command c = launcher.command({});
    return TsharkPrefix{c.argv,
                        c.env,
                        c.cwd,
                        loaded.path,
                        launcher.plugin_dir(),
                        loaded.tshark_version.str(),
                        launcher.as_nobody()};
}

// tshark in labcheck's place, on copies nobody can read of the captures it is given.
int run_in_place(const TsharkLauncher &launcher, const std::vector<std::string> &args) {
    std::vector<ReadableFile> staged;  // removed when tshark is done
    const auto stage = [&](const std::string &capture) {
        try {
            staged.push_back(launcher.readable(capture));
        } catch (const std::filesystem::filesystem_error &e) {  // missing, or root cannot read it
            throw std::runtime_error(
                fmt::format("cannot stage {} for tshark, which runs as nobody: {}", capture,
                            e.code().message()));
        }
        return staged.back().path();
    };
    const std::vector<std::string> with_staged = stage_capture_arguments(args, stage);
    return passthrough_status(run_attached(launcher.command(with_staged)));
}

}  // namespace

int run_passthrough(const PassthroughOptions &options) {
    const auto log = [&](const std::string &line) {
        if (options.tool.verbose) std::fprintf(stderr, "labcheck: %s\n", line.c_str());
    };
    try {
        const std::string tshark = resolve_tshark(options.tool.tshark);
        const PluginLocation plugin = options.no_plugin ? PluginLocation{false, "", "--no-plugin"}
                                                        : chosen_plugin(options.tool);
        // As root tshark runs as nobody on staged copies (see TsharkLauncher).
        const auto sandbox = make_sandbox(options, running_as_root() && !plugin.system);
        if (!sandbox->moved_because().empty())
            log("staging in " + sandbox->root() + ": " + sandbox->moved_because());
        TsharkLauncher launcher = options.no_plugin
                                      ? TsharkLauncher::without_plugin(tshark, *sandbox)
                                      : TsharkLauncher(tshark, plugin, *sandbox);
        launcher.set_extra_env(options.env);  // before the check: the plugin may need it
        const LoadedPlugin loaded = require_plugin(launcher, log);
        if (options.print_command) {
            std::fputs(prefix_json(prefix_of(launcher, loaded)).c_str(), stdout);
            return std::fflush(stdout) == 0 ? 0 : fail("cannot write the command to stdout");
        }
        return run_in_place(launcher, options.args);
    } catch (const std::exception &e) {  // EnvironmentError; staging, finding setpriv
        return fail(e.what());
    }
}

}  // namespace labcheck
