#include "yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "spec_error.h"
#include "suggest.h"
#include "value_kind.h"

namespace labcheck {

namespace {

SourceLocation at_mark(const YAML::Mark &mark, const SourceLocation &fallback) {
    if (mark.line < 0) return fallback;
    return SourceLocation{fallback.file, mark.line + 1};
}

std::string named(const YamlValue &value) { return value.path.empty() ? "the spec" : value.path; }

const std::string &scalar(const YamlValue &value, const char *expected) {
    if (!value.node.IsScalar()) fail(value, fmt::format("{} must be {}", named(value), expected));
    return value.node.Scalar();
}

}  // namespace

YamlValue YamlValue::load(const std::string &text, const std::string &file) {
    try {
        return YamlValue{YAML::Load(text), SourceLocation{file, 1}, ""};
    } catch (const YAML::ParserException &e) {
        throw SpecError(SourceLocation{file, e.mark.line + 1}, "invalid YAML: " + e.msg);
    }
}

void fail(const YamlValue &value, const std::string &message) {
    throw SpecError(value.where, message);
}

std::optional<YamlValue> YamlMap::get(const std::string &key) const {
    for (const YamlEntry &entry : entries_)
        if (entry.key == key) return entry.value;
    return std::nullopt;
}

YamlValue YamlMap::required(const std::string &key, const std::string &hint) const {
    if (auto value = get(key)) return *value;
    throw SpecError(where_, fmt::format("{}: needs {} ({}: ...)", path_, hint, key));
}

std::vector<YamlEntry> read_entries(const YamlValue &value) {
    std::vector<YamlEntry> entries;
    if (value.node.IsNull()) return entries;  // "key:" with nothing under it: an empty mapping
    if (!value.node.IsMap()) fail(value, fmt::format("{} must be a mapping", named(value)));
    for (auto it = value.node.begin(); it != value.node.end(); ++it) {
        const SourceLocation key_at = at_mark(it->first.Mark(), value.where);
        if (!it->first.IsScalar())
            fail(YamlValue{it->first, key_at, value.path},
                 fmt::format("{} has a key that is not a plain name", named(value)));
        const std::string name = it->first.Scalar();
        for (const YamlEntry &seen : entries)
            if (seen.key == name)
                fail(YamlValue{it->first, key_at, value.path},
                     fmt::format("duplicate key '{}' in {} (first at line {})", name, named(value),
                                 seen.key_at.line));
        // A null value's mark points past the key: report the key's line.
        const SourceLocation value_at =
            it->second.IsNull() ? key_at : at_mark(it->second.Mark(), key_at);
        const std::string path = value.path.empty() ? name : value.path + "." + name;
        entries.push_back(YamlEntry{name, key_at, YamlValue{it->second, value_at, path}});
    }
    return entries;
}

YamlMap read_map(const YamlValue &value, const std::vector<std::string> &allowed) {
    if (!value.node.IsMap() && !value.node.IsNull())
        fail(value,
             fmt::format("{} must be a mapping of {}", named(value), fmt::join(allowed, ", ")));
    YamlMap map;
    map.where_ = value.where;
    map.path_ = value.path;
    map.entries_ = read_entries(value);
    for (const YamlEntry &entry : map.entries_) {
        if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
        const auto guess = closest_match(entry.key, allowed);
        const YamlValue key{entry.value.node, entry.key_at, value.path};
        fail(key, fmt::format("unknown key '{}' in {}{} (allowed: {})", entry.key, named(value),
                              guess ? " (did you mean '" + *guess + "'?)" : "",
                              fmt::join(allowed, ", ")));
    }
    return map;
}

std::vector<YamlValue> read_sequence(const YamlValue &value) {
    std::vector<YamlValue> items;
    if (value.node.IsNull()) return items;
    if (!value.node.IsSequence()) fail(value, fmt::format("{} must be a list", named(value)));
    size_t index = 1;
    for (const YAML::Node &item : value.node) {
        items.push_back(YamlValue{item, at_mark(item.Mark(), value.where),
                                  fmt::format("{}[{}]", value.path, index++)});
    }
    return items;
}

std::string read_string(const YamlValue &value) { return scalar(value, "a string"); }

uint64_t read_uint(const YamlValue &value) {
    const std::string &text = scalar(value, "a non-negative integer");
    const auto n = parse_number(text);
    if (!n || *n < 0 || *n != static_cast<long double>(static_cast<uint64_t>(*n)) ||
        text == "true" || text == "false")
        fail(value, fmt::format("{} must be a non-negative integer, not '{}'", named(value), text));
    return static_cast<uint64_t>(*n);
}

long double read_number(const YamlValue &value) {
    const std::string &text = scalar(value, "a number");
    const auto n = parse_number(text);
    if (!n || text == "true" || text == "false")
        fail(value, fmt::format("{} must be a number, not '{}'", named(value), text));
    return *n;
}

bool read_bool(const YamlValue &value) {
    const std::string &text = scalar(value, "true or false");
    if (text == "true" || text == "True" || text == "yes") return true;
    if (text == "false" || text == "False" || text == "no") return false;
    fail(value, fmt::format("{} must be true or false, not '{}'", named(value), text));
}

size_t read_choice(const YamlValue &value, const std::vector<std::string> &choices) {
    const std::string expected = fmt::format("one of {}", fmt::join(choices, ", "));
    const std::string &text = scalar(value, expected.c_str());
    for (size_t i = 0; i < choices.size(); ++i)
        if (text == choices[i]) return i;
    fail(value, fmt::format("{} must be {}, not '{}'", named(value), expected, text));
}

std::vector<std::string> read_string_list(const YamlValue &value) {
    if (value.node.IsScalar()) return {value.node.Scalar()};
    std::vector<std::string> out;
    for (const YamlValue &item : read_sequence(value)) out.push_back(read_string(item));
    return out;
}

}  // namespace labcheck
