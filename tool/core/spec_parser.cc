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

// Keys a scope (the whole capture or one stream) may hold.
const std::vector<std::string> kScopeKeys = {"handshake", "teardown", "closed_by", "messages",
                                             "counts",    "fields",   "expert"};

std::vector<std::string> with_scope_keys(std::vector<std::string> keys) {
    keys.insert(keys.end(), kScopeKeys.begin(), kScopeKeys.end());
    return keys;
}

template <typename Enum>
std::optional<Located<Enum>> read_state(const YamlMap &map, const std::string &key) {
    const auto value = map.get(key);
    if (!value) return std::nullopt;
    return Located<Enum>{static_cast<Enum>(read_choice(*value, state_names<Enum>())), value->where};
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

MessageExpectation read_message(const YamlValue &value) {
    const YamlMap map = read_map(value, {"length", "text", "text_regex", "payload", "frame"});
    MessageExpectation m;
    m.where = value.where;
    if (auto v = map.get("length")) m.length = read_uint(*v);
    if (auto v = map.get("text")) m.text = read_string(*v);
    if (auto v = map.get("text_regex")) m.text_regex = read_regex(*v);
    if (auto v = map.get("payload")) m.payload = read_hex(*v);
    if (auto v = map.get("frame")) m.frame = read_positive(*v);
    if (m.text && m.text_regex) fail(value, value.path + ": give text or text_regex, not both");
    if (!m.length && !m.text && !m.text_regex && !m.payload)
        fail(value, value.path + ": say what the message is: length, text, text_regex or payload");
    return m;
}

void read_messages(const YamlValue &value, ScopeExpectations &scope) {
    const YamlMap map = read_map(value, {"client", "server", "allow_more"});
    const bool allow_more = map.get("allow_more") ? read_bool(*map.get("allow_more")) : false;
    for (Direction d : {Direction::kClient, Direction::kServer}) {
        const auto list = map.get(direction_name(d));
        if (!list) continue;
        MessageSequence seq;
        seq.where = list->where;
        seq.allow_more = allow_more;
        for (const YamlValue &item : read_sequence(*list))
            seq.messages.push_back(read_message(item));
        scope.messages[static_cast<int>(d)] = std::move(seq);
    }
    if (!scope.has_messages()) fail(value, "messages must list client and/or server messages");
}

CountExpectation read_count(const YamlValue &value) {
    const YamlMap map = read_map(value, {"filter", "exactly", "at_least", "at_most"});
    CountExpectation c;
    c.where = value.where;
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

FieldExpectation read_field(const YamlValue &value) {
    const YamlMap map = read_map(value, {"field", "frame", "client_message", "server_message",
                                         "where", "equals", "regex", "range", "present", "absent"});
    FieldExpectation f;
    f.where = value.where;
    f.field = read_string(map.required("field", "the field's filter name"));
    f.selector = read_selector(value, map);
    f.matcher = read_matcher(value, map);
    return f;
}

ExpertExpectation read_expert(const YamlValue &value) {
    const YamlMap map = read_map(value, {"max_severity", "required", "forbidden"});
    ExpertExpectation e;
    e.where = value.where;
    if (auto v = map.get("max_severity")) {
        const size_t i = read_choice(*v, severity_names());
        e.max_severity = Located<Severity>{static_cast<Severity>(i + 1), v->where};
    }
    for (const char *key : {"required", "forbidden"}) {
        const auto list = map.get(key);
        if (!list) continue;
        auto &out = std::string(key) == "required" ? e.required : e.forbidden;
        for (const YamlValue &item : read_sequence(*list))
            out.push_back(Located<std::string>{read_string(item), item.where});
    }
    if (map.size() == 0) fail(value, "expert must give max_severity, required or forbidden");
    return e;
}

ScopeExpectations read_scope(const YamlMap &map) {
    ScopeExpectations s;
    s.handshake = read_state<HandshakeState>(map, "handshake");
    s.teardown = read_state<TeardownState>(map, "teardown");
    s.closed_by = read_state<Closer>(map, "closed_by");
    if (auto v = map.get("messages")) read_messages(*v, s);
    if (auto v = map.get("counts"))
        for (const YamlValue &item : read_sequence(*v)) s.counts.push_back(read_count(item));
    if (auto v = map.get("fields"))
        for (const YamlValue &item : read_sequence(*v)) s.fields.push_back(read_field(item));
    if (auto v = map.get("expert")) s.expert = read_expert(*v);
    return s;
}

std::optional<Located<Version>> read_version(const YamlMap &map, const std::string &key) {
    const auto value = map.get(key);
    if (!value) return std::nullopt;
    const auto version = Version::parse(read_string(*value));
    if (!version) fail(*value, value->path + " must be a version such as 4.0 or 4.0.17");
    return Located<Version>{*version, value->where};
}

TsharkSettings read_tshark(const YamlValue &value) {
    const YamlMap map = read_map(value, {"preferences", "decode_as", "heuristics", "two_pass"});
    TsharkSettings t;
    t.where = value.where;
    if (auto prefs = map.get("preferences"))
        for (const YamlEntry &pref : read_entries(*prefs))
            t.preferences.emplace_back(pref.key, read_string(pref.value));
    if (auto v = map.get("decode_as")) t.decode_as = read_string_list(*v);
    if (auto v = map.get("heuristics")) t.heuristics = read_string_list(*v);
    if (auto v = map.get("two_pass")) t.two_pass = read_bool(*v);
    return t;
}

StreamSpec read_stream(const YamlValue &value) {
    const YamlMap map = read_map(value, with_scope_keys({"stream", "name"}));
    StreamSpec s;
    s.where = value.where;
    s.stream = read_uint(map.required("stream", "the tcp.stream number"));
    if (auto v = map.get("name")) s.name = read_string(*v);
    s.expect = read_scope(map);
    if (s.expect.empty()) fail(value, s.label() + " has no expectations");
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

}  // namespace

Spec parse_spec(const std::string &text, const std::string &file) {
    const YamlValue root = YamlValue::load(text, file);
    if (root.node.IsNull()) fail(root, "the spec is empty (write one with: labcheck init CAPTURE)");
    const YamlMap map = read_map(
        root, with_scope_keys({"description", "capture", "requires", "tshark", "streams"}));
    Spec spec;
    spec.file = file;
    spec.header_comment = leading_comment(text);
    if (auto v = map.get("description")) spec.description = read_string(*v);
    if (auto v = map.get("capture")) spec.capture = Located<std::string>{read_string(*v), v->where};
    if (auto v = map.get("requires")) {
        const YamlMap req = read_map(*v, {"tshark", "plugin"});
        spec.requirements.tshark = read_version(req, "tshark");
        spec.requirements.plugin = read_version(req, "plugin");
    }
    if (auto v = map.get("tshark")) spec.tshark = read_tshark(*v);
    spec.expect = read_scope(map);
    if (auto v = map.get("streams")) {
        std::set<uint64_t> seen;
        for (const YamlValue &item : read_sequence(*v)) {
            spec.streams.push_back(read_stream(item));
            if (!seen.insert(spec.streams.back().stream).second)
                fail(item, fmt::format("stream {} is listed twice", spec.streams.back().stream));
        }
    }
    if (spec.expect.empty() && spec.streams.empty())
        fail(root,
             "the spec has no expectations (add messages, handshake, counts, fields, "
             "expert or streams; labcheck init CAPTURE drafts them)");
    return spec;
}

Spec load_spec(const std::string &path) {
    std::string text;
    if (auto why = read_text_file(path, kMaxSpecBytes, text))
        throw SpecError(SourceLocation{path, 0}, "cannot read the spec file: " + *why);
    return parse_spec(text, path);
}

}  // namespace labcheck
