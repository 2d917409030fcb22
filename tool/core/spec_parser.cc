#include "spec_parser.h"

#include <fmt/format.h>

#include <set>
#include <sstream>

#include "hex.h"
#include "spec_error.h"
#include "text_file.h"
#include "yaml_reader.h"

namespace labcheck {

namespace {

// Keys a scope (the top level or one stream) may hold.
const std::vector<std::string> kScopeKeys = {"handshake", "teardown", "closed_by", "messages",
                                             "counts",    "fields",   "expert"};

std::vector<std::string> with_scope_keys(std::vector<std::string> keys) {
    keys.insert(keys.end(), kScopeKeys.begin(), kScopeKeys.end());
    return keys;
}

Regex read_regex(const YamlValue &value) {
    std::string error;
    auto regex = Regex::compile(read_string(value), &error);
    if (!regex)
        fail(value, fmt::format("{} is not a valid regular expression: {}", value.path, error));
    return *regex;
}

std::string read_hex(const YamlValue &value) {
    const auto hex = normalize_hex(read_string(value));
    if (!hex)
        fail(value, fmt::format("{} must be hex bytes such as \"0a 1b\" or \"0a1b\"", value.path));
    return *hex;
}

uint64_t read_positive(const YamlValue &value) {
    const uint64_t n = read_uint(value);
    if (n == 0) fail(value, fmt::format("{} counts from 1", value.path));
    return n;
}

std::string read_description(const YamlMap &map) {
    const auto v = map.get("description");
    return v ? read_string(*v) : "";
}

// Reads one spec, collecting every structural error instead of stopping at
// the first: a spec is fixed in one round, not one error per run.
class SpecReader {
  public:
    Spec read(const std::string &text, const std::string &file);

  private:
    // Runs `read`; a SpecError it throws is kept and reading goes on.
    template <typename Read>
    void attempt(Read &&read) {
        try {
            read();
        } catch (const SpecError &e) {
            errors_.push_back(e);
        }
    }
    // A mapping whose unknown keys are kept as errors while the rest is read.
    YamlMap map_of(const YamlValue &value, const std::vector<std::string> &allowed) {
        return read_map(value, allowed, &errors_);
    }
    // Each item of a list, an error in one not stopping the others.
    template <typename Item>
    void each(const YamlValue &list, Item &&item) {
        for (const YamlValue &v : read_sequence(list)) attempt([&] { item(v); });
    }

    template <typename State>
    std::optional<Located<State>> read_state(const YamlMap &map, const std::string &key);
    MessageExpectation read_message(const YamlValue &value);
    void read_messages(const YamlValue &value, ScopeExpectations &scope);
    CountExpectation read_count(const YamlValue &value);
    FieldExpectation read_field(const YamlValue &value);
    ExpertExpectation read_expert(const YamlValue &value);
    ScopeExpectations read_scope(const YamlMap &map);
    TsharkSettings read_tshark(const YamlValue &value);
    StreamSpec read_stream(const YamlValue &value);

    std::vector<SpecError> errors_;
};

// `key: complete`, or with a label `key: {expect: complete, description: ...}`.
template <typename State>
std::optional<Located<State>> SpecReader::read_state(const YamlMap &map, const std::string &key) {
    const auto value = map.get(key);
    if (!value) return std::nullopt;
    if (!value->node.IsMap())
        return Located<State>{static_cast<State>(read_choice(*value, state_names<State>())),
                              value->where};
    const YamlMap m = map_of(*value, {"expect", "description"});
    const YamlValue expect = m.required("expect", "the expected state");
    return Located<State>{static_cast<State>(read_choice(expect, state_names<State>())),
                          value->where, read_description(m)};
}

MessageExpectation SpecReader::read_message(const YamlValue &value) {
    const YamlMap map = map_of(value, {"length", "text", "text_regex", "payload", "frame"});
    MessageExpectation m;
    m.where = value.where;
    if (auto v = map.get("length")) attempt([&] { m.length = read_uint(*v); });
    if (auto v = map.get("text")) attempt([&] { m.text = read_string(*v); });
    if (auto v = map.get("text_regex")) attempt([&] { m.text_regex = read_regex(*v); });
    if (auto v = map.get("payload")) attempt([&] { m.payload = read_hex(*v); });
    if (auto v = map.get("frame")) attempt([&] { m.frame = read_positive(*v); });
    if (m.text && m.text_regex) fail(value, value.path + ": give text or text_regex, not both");
    const bool unknown_keys = value.node.size() > map.size();  // already reported
    if (!map.has("length") && !map.has("text") && !map.has("text_regex") && !map.has("payload") &&
        !unknown_keys)
        fail(value, value.path + ": say what the message is: length, text, text_regex or payload");
    return m;
}

void SpecReader::read_messages(const YamlValue &value, ScopeExpectations &scope) {
    const YamlMap map = map_of(value, {"client", "server", "allow_more", "description"});
    bool allow_more = false;
    if (auto v = map.get("allow_more")) attempt([&] { allow_more = read_bool(*v); });
    std::string description;
    attempt([&] { description = read_description(map); });
    for (Direction d : {Direction::kClient, Direction::kServer}) {
        const auto list = map.get(direction_name(d));
        if (!list) continue;
        MessageSequence seq;
        seq.where = list->where;
        seq.allow_more = allow_more;
        seq.description = description;
        attempt([&] {
            each(*list, [&](const YamlValue &item) { seq.messages.push_back(read_message(item)); });
        });
        scope.messages[static_cast<int>(d)] = std::move(seq);
    }
    if (!map.has("client") && !map.has("server"))
        fail(value, "messages must list client and/or server messages");
}

CountExpectation SpecReader::read_count(const YamlValue &value) {
    const YamlMap map = map_of(value, {"filter", "exactly", "at_least", "at_most", "description"});
    CountExpectation c;
    c.where = value.where;
    c.description = read_description(map);
    c.filter = read_string(map.required("filter", "a display filter"));
    if (auto v = map.get("exactly")) c.exactly = read_uint(*v);
    if (auto v = map.get("at_least")) c.at_least = read_uint(*v);
    if (auto v = map.get("at_most")) c.at_most = read_uint(*v);
    if (c.exactly && (c.at_least || c.at_most))
        fail(value, value.path + ": exactly cannot be combined with at_least/at_most");
    if (!c.exactly && !c.at_least && !c.at_most)
        fail(value, value.path + ": say how many: exactly, at_least and/or at_most");
    if (c.at_least && c.at_most && *c.at_least > *c.at_most)
        fail(value, value.path + ": at_least is above at_most");
    return c;
}

FieldSelector read_selector(const YamlValue &value, const YamlMap &map) {
    FieldSelector s;
    int given = 0;
    if (auto v = map.get("frame")) {
        s.kind = FieldSelector::Kind::kFrame;
        s.frame = read_positive(*v);
        ++given;
    }
    for (Direction d : {Direction::kClient, Direction::kServer}) {
        if (auto v = map.get(std::string(direction_name(d)) + "_message")) {
            s.kind = FieldSelector::Kind::kMessage;
            s.direction = d;
            s.message_index = read_positive(*v);
            ++given;
        }
    }
    if (auto v = map.get("where")) {
        s.kind = FieldSelector::Kind::kWhere;
        s.filter = read_string(*v);
        ++given;
    }
    if (given > 1)
        fail(value, value.path + ": choose one of frame, client_message, server_message, where");
    return s;
}

ValueMatcher read_matcher(const YamlValue &value, const YamlMap &map) {
    std::vector<ValueMatcher> found;
    if (auto v = map.get("equals")) {
        if (v->node.IsSequence())
            found.push_back(ValueMatcher::equals_list(read_string_list(*v)));
        else
            found.push_back(ValueMatcher::equals(read_string(*v)));
    }
    if (auto v = map.get("regex")) found.push_back(ValueMatcher::regex(read_regex(*v)));
    if (auto v = map.get("range")) {
        const auto bounds = read_sequence(*v);
        if (bounds.size() != 2) fail(*v, v->path + " must be [low, high]");
        const long double low = read_number(bounds[0]), high = read_number(bounds[1]);
        if (low > high) fail(*v, v->path + ": low is above high");
        found.push_back(ValueMatcher::range(low, high));
    }
    for (const char *key : {"present", "absent"}) {
        if (auto v = map.get(key)) {
            if (!read_bool(*v))
                fail(*v,
                     fmt::format("{} can only be true (say {} instead)", v->path,
                                 std::string(key) == "present" ? "absent: true" : "present: true"));
            found.push_back(std::string(key) == "present" ? ValueMatcher::present()
                                                          : ValueMatcher::absent());
        }
    }
    if (found.size() != 1)
        fail(value, value.path + ": give exactly one of equals, regex, range, present, absent");
    return found[0];
}

FieldExpectation SpecReader::read_field(const YamlValue &value) {
    const YamlMap map =
        map_of(value, {"field", "frame", "client_message", "server_message", "where", "equals",
                       "regex", "range", "present", "absent", "description"});
    FieldExpectation f;
    f.where = value.where;
    f.description = read_description(map);
    f.field = read_string(map.required("field", "the field's filter name"));
    f.selector = read_selector(value, map);
    f.matcher = read_matcher(value, map);
    return f;
}

ExpertExpectation SpecReader::read_expert(const YamlValue &value) {
    const YamlMap map = map_of(value, {"max_severity", "required", "forbidden", "description"});
    ExpertExpectation e;
    e.where = value.where;
    attempt([&] { e.description = read_description(map); });
    if (auto v = map.get("max_severity")) {
        attempt([&] {
            const size_t i = read_choice(*v, severity_names());
            e.max_severity = Located<Severity>{static_cast<Severity>(i + 1), v->where};
        });
    }
    for (const char *key : {"required", "forbidden"}) {
        const auto list = map.get(key);
        if (!list) continue;
        auto &out = std::string(key) == "required" ? e.required : e.forbidden;
        attempt([&] {
            each(*list, [&](const YamlValue &item) {
                out.push_back(Located<std::string>{read_string(item), item.where});
            });
        });
    }
    if (!map.has("max_severity") && !map.has("required") && !map.has("forbidden"))
        fail(value, "expert must give max_severity, required or forbidden");
    return e;
}

ScopeExpectations SpecReader::read_scope(const YamlMap &map) {
    ScopeExpectations s;
    attempt([&] { s.handshake = read_state<HandshakeState>(map, "handshake"); });
    attempt([&] { s.teardown = read_state<TeardownState>(map, "teardown"); });
    attempt([&] { s.closed_by = read_state<Closer>(map, "closed_by"); });
    if (auto v = map.get("messages")) attempt([&] { read_messages(*v, s); });
    if (auto v = map.get("counts"))
        attempt([&] {
            each(*v, [&](const YamlValue &item) { s.counts.push_back(read_count(item)); });
        });
    if (auto v = map.get("fields"))
        attempt([&] {
            each(*v, [&](const YamlValue &item) { s.fields.push_back(read_field(item)); });
        });
    if (auto v = map.get("expert")) attempt([&] { s.expert = read_expert(*v); });
    return s;
}

std::optional<Located<Version>> read_version(const YamlMap &map, const std::string &key) {
    const auto value = map.get(key);
    if (!value) return std::nullopt;
    const auto version = Version::parse(read_string(*value));
    if (!version) fail(*value, value->path + " must be a version such as 4.0 or 4.0.17");
    return Located<Version>{*version, value->where};
}

TsharkSettings SpecReader::read_tshark(const YamlValue &value) {
    const YamlMap map = map_of(value, {"preferences", "decode_as", "heuristics", "two_pass"});
    TsharkSettings t;
    t.where = value.where;
    if (auto prefs = map.get("preferences"))
        attempt([&] {
            for (const YamlEntry &pref : read_entries(*prefs))
                t.preferences.emplace_back(pref.key, read_string(pref.value));
        });
    if (auto v = map.get("decode_as")) attempt([&] { t.decode_as = read_string_list(*v); });
    if (auto v = map.get("heuristics")) attempt([&] { t.heuristics = read_string_list(*v); });
    if (auto v = map.get("two_pass")) attempt([&] { t.two_pass = read_bool(*v); });
    return t;
}

StreamSpec SpecReader::read_stream(const YamlValue &value) {
    const YamlMap map = map_of(value, with_scope_keys({"stream", "name"}));
    StreamSpec s;
    s.where = value.where;
    s.stream = read_uint(map.required("stream", "the tcp.stream number"));
    if (auto v = map.get("name")) s.name = read_string(*v);
    s.expect = read_scope(map);
    bool named_expectations = false;
    for (const std::string &key : kScopeKeys)
        named_expectations = named_expectations || map.has(key);
    if (!named_expectations) fail(value, s.label() + " has no expectations");
    return s;
}

std::string leading_comment(const std::string &text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line) && (line.empty() || line[0] == '#')) out += line + "\n";
    while (!out.empty() && out.size() >= 2 && out[out.size() - 2] == '\n')
        out.pop_back();  // trailing blank lines
    return out == "\n" ? "" : out;
}

Spec SpecReader::read(const std::string &text, const std::string &file) {
    const YamlValue root = YamlValue::load(text, file);
    if (root.node.IsNull()) fail(root, "the spec is empty (write one with: labcheck init CAPTURE)");
    const YamlMap map = map_of(root, with_scope_keys({"description", "capture", "requires",
                                                      "tshark", "scope", "streams"}));
    Spec spec;
    spec.file = file;
    spec.text = text;
    spec.header_comment = leading_comment(text);
    if (auto v = map.get("description")) attempt([&] { spec.description = read_string(*v); });
    if (auto v = map.get("capture"))
        attempt([&] { spec.capture = Located<std::string>{read_string(*v), v->where}; });
    if (auto v = map.get("requires")) {
        attempt([&] {
            const YamlMap req = map_of(*v, {"tshark", "tshark_below", "plugin"});
            attempt([&] { spec.requirements.tshark = read_version(req, "tshark"); });
            attempt([&] { spec.requirements.tshark_below = read_version(req, "tshark_below"); });
            attempt([&] { spec.requirements.plugin = read_version(req, "plugin"); });
        });
    }
    if (auto v = map.get("tshark")) attempt([&] { spec.tshark = read_tshark(*v); });
    if (auto v = map.get("scope"))
        attempt([&] {
            spec.scope = Located<GradingScope>{
                static_cast<GradingScope>(read_choice(*v, state_names<GradingScope>())), v->where};
        });
    spec.expect = read_scope(map);
    if (auto v = map.get("streams")) {
        std::set<uint64_t> seen;
        attempt([&] {
            each(*v, [&](const YamlValue &item) {
                StreamSpec stream = read_stream(item);
                if (!seen.insert(stream.stream).second)
                    fail(item, fmt::format("stream {} is listed twice", stream.stream));
                spec.streams.push_back(std::move(stream));
            });
        });
    }
    if (!errors_.empty()) throw SpecError::all_of(errors_);
    if (spec.expect.empty() && spec.streams.empty())
        fail(root,
             "the spec has no expectations (add messages, handshake, counts, fields, "
             "expert or streams; labcheck init CAPTURE drafts them)");
    return spec;
}

}  // namespace

Spec parse_spec(const std::string &text, const std::string &file) {
    return SpecReader().read(text, file);
}

Spec load_spec(const std::string &path) {
    std::string text;
    if (auto why = read_text_file(path, kMaxSpecBytes, text))
        throw SpecError(SourceLocation{path, 0}, "cannot read the spec file: " + *why);
    return parse_spec(text, path);
}

}  // namespace labcheck
