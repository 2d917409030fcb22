// Strict, typed reading of YAML for spec files: wrong types, unknown keys
// and duplicate keys are SpecErrors that name the file, line and key path.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "source_location.h"

namespace labcheck {

class SpecError;

// Limits on a spec's YAML, far above any spec written by hand or drafted by
// `labcheck init`, so that a hostile file is a SpecError rather than memory
// or stack exhausted. Values and text are counted with every alias (*name)
// replaced by what it names, as the readers copy them.
constexpr size_t kMaxSpecBytes = 4u << 20;   // of the file, and of its scalars' text
constexpr uint64_t kMaxSpecValues = 500000;  // scalars, lists and mappings
constexpr int kMaxYamlDepth = 64;            // levels of nesting

// A node with where it was written and its path, e.g. "messages.client[3]".
struct YamlValue {
    YAML::Node node;
    SourceLocation where;
    std::string path;

    // Parses `text`; syntax errors, and YAML over the limits above (in text
    // or once aliases are expanded), become SpecErrors at their line.
    static YamlValue load(const std::string &text, const std::string &file);
};

// One "key: value" of a mapping; `key_at` is where the key was written.
struct YamlEntry {
    std::string key;
    SourceLocation key_at;
    YamlValue value;
};

// A mapping whose keys have been checked against the allowed ones.
class YamlMap {
  public:
    std::optional<YamlValue> get(const std::string &key) const;
    // The value of a key that must be there; `hint` says what it holds.
    YamlValue required(const std::string &key, const std::string &hint) const;
    bool has(const std::string &key) const { return get(key).has_value(); }
    const SourceLocation &where() const { return where_; }
    size_t size() const { return entries_.size(); }

  private:
    friend YamlMap read_map(const YamlValue &value, const std::vector<std::string> &allowed,
                            std::vector<SpecError> *unknown);
    // A mapping with free-form keys (such as preference names), duplicates rejected.
    std::vector<YamlEntry> read_entries(const YamlValue &value);
    std::vector<YamlEntry> entries_;
    SourceLocation where_;
    std::string path_;
};

[[noreturn]] void fail(const YamlValue &value, const std::string &message);

// A mapping with only `allowed` keys. An unknown key is a SpecError, or,
// with `unknown`, added there while the others are read.
YamlMap read_map(const YamlValue &value, const std::vector<std::string> &allowed,
                 std::vector<SpecError> *unknown = nullptr);
// A mapping with free-form keys (such as preference names), duplicates rejected.
std::vector<YamlEntry> read_entries(const YamlValue &value);
std::vector<YamlValue> read_sequence(const YamlValue &value);
std::string read_string(const YamlValue &value);
uint64_t read_uint(const YamlValue &value);
long double read_number(const YamlValue &value);
bool read_bool(const YamlValue &value);
// Index of the value in `choices`.
size_t read_choice(const YamlValue &value, const std::vector<std::string> &choices);
// A list of strings; a single string is accepted as a list of one.
std::vector<std::string> read_string_list(const YamlValue &value);

}  // namespace labcheck
