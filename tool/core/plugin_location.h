// Which labproto plugin tshark should load, and where: --system-plugin,
// --plugin-dir, $WIRESHARK_PLUGIN_DIR, or the one this build staged.
#pragma once

#include <optional>
#include <string>

namespace labcheck {

struct PluginLocation {
    bool system = false;  // the installed plugin, in tshark's own plugin folder
    std::string dir;      // a WIRESHARK_PLUGIN_DIR: DIR/<major.minor>/epan/labproto.so
    std::string origin;   // how it was chosen, for -v and error messages

    // The .so tshark should list for this ABI ("4.0"); empty for the system one.
    std::string file(const std::string &abi) const;
};

// `build_dir` is the folder this build stages the plugin in ("" if none).
PluginLocation choose_plugin(const std::optional<std::string> &plugin_dir, bool system_plugin,
                             const char *env_plugin_dir, const std::string &build_dir);

}  // namespace labcheck
