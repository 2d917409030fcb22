#include "tshark_launcher.h"

#include <fmt/format.h>
#include <glib.h>
#include <grp.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "tshark_passthrough.h"

namespace labcheck {

ReadableFile::ReadableFile(ReadableFile &&other) noexcept
    : path_(std::move(other.path_)), staged_(other.staged_) {
    other.staged_ = false;
}

ReadableFile::~ReadableFile() {
    if (staged_) std::remove(path_.c_str());
}

std::string find_program(const std::string &name) {
    gchar *found = g_find_program_in_path(name.c_str());
    if (!found) return "";
    std::string path(found);
    g_free(found);
    return path;
}

bool running_as_root() { return getuid() == 0 || geteuid() == 0; }

namespace {

// As root tshark ignores WIRESHARK_PLUGIN_DIR: it runs as nobody instead.
std::vector<std::string> nobody_wrapper() {
    const std::string setpriv = find_program("setpriv");
    if (setpriv.empty())
        throw std::runtime_error(
            "running as root, tshark ignores --plugin-dir, so labcheck runs it as nobody with "
            "setpriv, which is not installed (apt-get install util-linux); or use --system-plugin");
    // Debian calls nobody's group nogroup; Fedora and Arch call it nobody.
    const char *group = getgrnam("nogroup") ? "nogroup" : "nobody";
    return {setpriv, "--reuid=nobody", std::string("--regid=") + group, "--clear-groups"};
}

}  // namespace

TsharkLauncher::TsharkLauncher(std::string tshark, PluginLocation plugin, Sandbox &sandbox)
    : tshark_(std::move(tshark)), plugin_(std::move(plugin)), sandbox_(sandbox) {
    if (plugin_.system) return;
    as_nobody_ = running_as_root();
    plugin_dir_ = as_nobody_ ? sandbox_.copy_in(plugin_.dir, "plugins") : plugin_.dir;
    if (as_nobody_) wrapper_ = nobody_wrapper();
}

TsharkLauncher TsharkLauncher::without_plugin(std::string tshark, Sandbox &sandbox) {
    // Built as the system plugin's launcher, which stages nothing, then pointed at
    // an empty folder: nobody can read it already, so it needs no copy.
    TsharkLauncher launcher(std::move(tshark), PluginLocation{true, "", "--no-plugin"}, sandbox);
    launcher.no_plugin_ = true;
    launcher.plugin_ = PluginLocation{false, sandbox.make_folder("no-plugins"), "--no-plugin"};
    launcher.plugin_dir_ = launcher.plugin_.dir;
    launcher.as_nobody_ = running_as_root();
    if (launcher.as_nobody_) launcher.wrapper_ = nobody_wrapper();
    return launcher;
}

Command TsharkLauncher::command(const std::vector<std::string> &args) const {
    Command c;
    c.argv = wrapper_;
    c.argv.push_back(tshark_);
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    const char *path = std::getenv("PATH");
    // An empty extcap folder: -G plugins would otherwise start every extcap program.
    c.env = {"HOME=" + sandbox_.home(),
             "WIRESHARK_CONFIG_DIR=" + sandbox_.config(),
             "WIRESHARK_EXTCAP_DIR=" + sandbox_.extcap(),
             "TZ=UTC",
             "LC_ALL=C.UTF-8",
             std::string("PATH=") + (path ? path : "/usr/bin:/bin")};
    if (!plugin_dir_.empty()) c.env.push_back("WIRESHARK_PLUGIN_DIR=" + plugin_dir_);
    c.env = with_environment(std::move(c.env), extra_env_);
    // tshark reads some files from its working folder (the GIOP dissector's IOR.txt):
    // give it one of its own, which nobody can also enter.
    c.cwd = sandbox_.root();
    return c;
}

ReadableFile TsharkLauncher::readable(const std::string &path) const {
    // Absolute: tshark runs in the sandbox, not in labcheck's working folder.
    const std::string absolute = std::filesystem::absolute(path).string();
    if (!as_nobody_ || world_readable(absolute)) return ReadableFile(absolute, false);
    return ReadableFile(sandbox_.copy_in(absolute, sandbox_.unique_name(absolute)), true);
}

std::string TsharkLauncher::expected_plugin(const std::string &abi) const {
    if (plugin_.system || no_plugin_) return "";
    return fmt::format("{}/{}/epan/labproto.so", plugin_dir_, abi);
}

std::string TsharkLauncher::plugin_shown(const std::string &abi) const {
    return plugin_.system ? "the system plugin folder's labproto.so" : plugin_.file(abi);
}

std::string TsharkLauncher::description(const std::string &abi) const {
    if (no_plugin_)
        return fmt::format(
            "plugin: none (--no-plugin): tshark runs as {} with the empty "
            "WIRESHARK_PLUGIN_DIR={}",
            as_nobody_ ? "nobody via setpriv" : "this user", plugin_dir_);
    if (plugin_.system)
        return fmt::format(
            "plugin: the one installed in tshark's system plugin folder ({}); tshark runs as "
            "this user",
            plugin_.origin);
    if (as_nobody_)
        return fmt::format(
            "plugin: {} ({}); running as root, where tshark ignores WIRESHARK_PLUGIN_DIR, so "
            "tshark runs as nobody via setpriv on copies staged in {}",
            plugin_.file(abi), plugin_.origin, sandbox_.root());
    return fmt::format("plugin: {} ({}); tshark runs as this user with WIRESHARK_PLUGIN_DIR={}",
                       plugin_.file(abi), plugin_.origin, plugin_dir_);
}

}  // namespace labcheck
