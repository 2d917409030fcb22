#include "yaml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>  // fmt::join (in format.h before fmt 11)
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <sstream>

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

SpecError too_deep(const SourceLocation &where) {
    return SpecError(where,
                     fmt::format("invalid YAML: nested more than {} levels deep", kMaxYamlDepth));
}

// Measures a document from the parser's events, before any node is built:
// how many values and how much text it stands for once every alias (*name)
// is replaced by what it names, and how deep. The readers copy that much, so
// a few lines of aliases could stand for gigabytes, and an alias inside its
// own anchor for an endless tree.
class Measure : public YAML::EventHandler {
  public:
    explicit Measure(std::string file) : file_(std::move(file)) {}

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
        add(mark, anchor, Size{1, 0, 1});
    }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  const std::string &value) override {
        add(mark, anchor, Size{1, value.size(), 1});
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
        if (anchor >= named_.size() || !named_[anchor])
            throw SpecError(at(mark), "an alias (*name) inside its own anchor: it never ends");
        add(mark, YAML::NullAnchor, *named_[anchor]);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Size {
        uint64_t values = 0, bytes = 0;
        int height = 0;  // levels of nesting, 1 for a scalar
    };
    struct Open {
        YAML::anchor_t anchor;
        Size size;  // so far
    };

    SourceLocation at(const YAML::Mark &mark) const { return SourceLocation{file_, mark.line + 1}; }

    void name(YAML::anchor_t anchor, const std::optional<Size> &size) {
        if (anchor == YAML::NullAnchor) return;
        if (named_.size() <= anchor) named_.resize(anchor + 1);
        named_[anchor] = size;
    }

    // A scalar, or an alias standing for `size`, at the current level.
    void add(const YAML::Mark &mark, YAML::anchor_t anchor, const Size &size) {
        name(anchor, size);
        if (static_cast<int>(open_.size()) + size.height > kMaxYamlDepth) throw too_deep(at(mark));
        count(mark, size);
        complete(size);
    }

    void open(const YAML::Mark &mark, YAML::anchor_t anchor) {
        name(anchor, std::nullopt);  // being read: an alias to it now is inside it
        if (static_cast<int>(open_.size()) >= kMaxYamlDepth) throw too_deep(at(mark));
        const Size itself{1, 0, 1};
        count(mark, itself);
        open_.push_back(Open{anchor, itself});
    }

    void close() {
        const Open done = open_.back();
        open_.pop_back();
        name(done.anchor, done.size);
        complete(done.size);
    }

    // Adds to the document's totals, which every value counts in once.
    void count(const YAML::Mark &mark, const Size &size) {
        total_.values += size.values;
        total_.bytes += size.bytes;
        if (total_.values > kMaxSpecValues)
            throw SpecError(at(mark), fmt::format("more than {} values (an alias counts as what "
                                                  "it names): is it a spec?",
                                                  kMaxSpecValues));
        if (total_.bytes > kMaxSpecBytes)
            throw SpecError(at(mark), fmt::format("more than {} MiB of text (an alias counts as "
                                                  "what it names): is it a spec?",
                                                  kMaxSpecBytes >> 20));
    }

    // A node of `size` is complete: it is part of the one being read.
    void complete(const Size &size) {
        if (open_.empty()) return;
        Size &parent = open_.back().size;
        parent.values += size.values;
        parent.bytes += size.bytes;
        parent.height = std::max(parent.height, size.height + 1);
    }

    std::string file_;
    std::vector<Open> open_;
    std::vector<std::optional<Size>> named_;  // by anchor: what it stands for, once complete
    Size total_;
};

}  // namespace

YamlValue YamlValue::load(const std::string &text, const std::string &file) {
    if (text.size() > kMaxSpecBytes)
        throw SpecError(SourceLocation{file, 0},
                        fmt::format("larger than {} MiB, the most a spec may be: is it a spec?",
                                    kMaxSpecBytes >> 20));
    try {
        // Measured first, as the parser goes (only the first document, the
        // one YAML::Load reads): nothing deeper than the limit is ever
        // parsed, so the parser's recursion stays shallow, and the nodes
        // built afterwards are within the limits.
        std::istringstream in(text);
        YAML::Parser parser(in);
        Measure measure(file);
        parser.HandleNextDocument(measure);
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

YamlMap read_map(const YamlValue &value, const std::vector<std::string> &allowed,
                 std::vector<SpecError> *unknown) {
    if (!value.node.IsMap() && !value.node.IsNull())
        fail(value,
             fmt::format("{} must be a mapping of {}", named(value), fmt::join(allowed, ", ")));
    YamlMap map;
    map.where_ = value.where;
    map.path_ = value.path;
    for (YamlEntry &entry : read_entries(value)) {
        if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) {
            map.entries_.push_back(std::move(entry));
            continue;
        }
        const auto guess = closest_match(entry.key, allowed);
        SpecError error(entry.key_at,
                        fmt::format("unknown key '{}' in {}{} (allowed: {})", entry.key,
                                    named(value), guess ? " (did you mean '" + *guess + "'?)" : "",
                                    fmt::join(allowed, ", ")));
        if (!unknown) throw error;
        unknown->push_back(std::move(error));
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
