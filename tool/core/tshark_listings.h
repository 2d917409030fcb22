// Parsers for what tshark says about itself: --version, -G plugins and
// -G fields (one line at a time: the field list is ~18 MB).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "version.h"

namespace labcheck {

// "TShark (Wireshark) 4.0.17 (Git v4.0.17 ...)" -> 4.0.17; 4.4: "... 4.4.18." -> 4.4.18
std::optional<Version> parse_tshark_version(const std::string &output);

struct PluginEntry {
    std::string name;  // "labproto.so"
    std::string version;
    std::string type;  // "dissector"
    std::string path;
};

// One line of -G plugins ("labproto.so\t0.1.0\tdissector\t/path").
std::optional<PluginEntry> parse_plugin_line(const std::string &line);

// The types of the field and protocol names labcheck asks about, from
// -G fields; of the ~230k others it keeps only names that could be typos of
// them (same protocol), for suggestions.
class FieldCatalog {
  public:
    explicit FieldCatalog(const std::vector<std::string> &wanted = {});
    void add_line(const std::string &line);

    bool has(const std::string &name) const { return types_.count(name) != 0; }
    // "FT_UINT32"; "FT_PROTOCOL" for protocols; "" when unknown.
    std::string type_of(const std::string &name) const;
    std::optional<std::string> suggestion(const std::string &name) const;
    size_t size() const { return types_.size(); }

  private:
    std::unordered_map<std::string, std::string> types_;  // of the wanted names found
    std::unordered_map<std::string, bool> wanted_;
    std::unordered_map<std::string, bool> prefixes_;  // protocols of the wanted names
    std::vector<std::string> neighbours_;             // names in those protocols
};

}  // namespace labcheck
