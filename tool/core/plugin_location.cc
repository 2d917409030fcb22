#include "plugin_location.h"

#include <filesystem>

namespace labcheck {

namespace fs = std::filesystem;

std::string PluginLocation::file(const std::string &abi) const {
    if (system) return "";
    return (fs::path(dir) / abi / "epan" / "labproto.so").string();
}

PluginLocation choose_plugin(const std::optional<std::string> &plugin_dir, bool system_plugin,
                             const char *env_plugin_dir, const std::string &build_dir) {
    const auto absolute = [](const std::string &d) {
        std::error_code ec;
        const fs::path p = fs::absolute(d, ec);
        return ec ? d : p.lexically_normal().string();
    };
    if (system_plugin) return {true, "", "--system-plugin"};
    if (plugin_dir) return {false, absolute(*plugin_dir), "--plugin-dir"};
    if (env_plugin_dir && *env_plugin_dir)
        return {false, absolute(env_plugin_dir), "$WIRESHARK_PLUGIN_DIR"};
    std::error_code ec;
    if (!build_dir.empty() && fs::is_directory(build_dir, ec))
        return {false, build_dir, "this build's staged plugin"};
    return {true, "", "the system plugin folder (no build plugin found)"};
}

}  // namespace labcheck
