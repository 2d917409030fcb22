// How tshark is started: with a deterministic environment (TZ=UTC, a UTF-8
// locale, a private HOME and config dir) and the chosen plugin. As root,
// tshark ignores WIRESHARK_PLUGIN_DIR, so unless the system plugin is wanted
// it runs as nobody (setpriv) on world-readable copies of what it reads.
#pragma once

#include <string>
#include <vector>

#include "plugin_location.h"
#include "sandbox.h"
#include "subprocess.h"

namespace labcheck {

// A file tshark can read: the original, or a staged copy removed afterwards.
class ReadableFile {
  public:
    ReadableFile(std::string path, bool staged) : path_(std::move(path)), staged_(staged) {}
    ReadableFile(ReadableFile &&other) noexcept;
    ~ReadableFile();
    const std::string &path() const { return path_; }

  private:
    std::string path_;
    bool staged_;
};

class TsharkLauncher {
  public:
    TsharkLauncher(std::string tshark, PluginLocation plugin, Sandbox &sandbox);
    // tshark as above but with an empty plugin folder of the sandbox's, so it
    // loads no labproto at all: the baseline a benchmark compares against.
    static TsharkLauncher without_plugin(std::string tshark, Sandbox &sandbox);

    Command command(const std::vector<std::string> &args) const;
    // "NAME=value" entries every command's environment gets on top of (or
    // instead of) labcheck's, such as a sanitizer runtime the plugin needs.
    void set_extra_env(std::vector<std::string> env) { extra_env_ = std::move(env); }
    ReadableFile readable(const std::string &path) const;

    const std::string &tshark() const { return tshark_; }
    bool as_nobody() const { return as_nobody_; }
    bool no_plugin() const { return no_plugin_; }
    // WIRESHARK_PLUGIN_DIR as tshark gets it ("" with the system plugin).
    const std::string &plugin_dir() const { return plugin_dir_; }
    const PluginLocation &plugin() const { return plugin_; }
    // The labproto.so tshark must list for its ABI ("4.0"): the staged copy
    // when tshark runs as nobody; "" with the system plugin (any one will do).
    std::string expected_plugin(const std::string &abi) const;
    // The plugin as the user named it (not the staged copy), for messages and reports.
    std::string plugin_shown(const std::string &abi) const;
    // One line for -v: which plugin, and how tshark runs.
    std::string description(const std::string &abi) const;

  private:
    std::string tshark_;
    PluginLocation plugin_;
    Sandbox &sandbox_;
    bool as_nobody_ = false;
    bool no_plugin_ = false;
    std::string plugin_dir_;            // given to tshark as WIRESHARK_PLUGIN_DIR
    std::vector<std::string> wrapper_;  // setpriv ... when as nobody
    std::vector<std::string> extra_env_;
};

// `name` as found on PATH (or as given when it has a '/'); "" when not found.
std::string find_program(const std::string &name);
bool running_as_root();

}  // namespace labcheck
