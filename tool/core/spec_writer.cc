#include "spec_writer.h"

#include <yaml-cpp/yaml.h>

#include "value_kind.h"

namespace labcheck {

namespace {

// Plain when it reads back as the same string, else double-quoted.
void put_string(YAML::Emitter &out, const std::string &s) {
    bool plain = !s.empty();
    for (char c : s)
        plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
                          c == '-' || c == '/');
    if (s == "null" || s == "true" || s == "false" || s == "yes" || s == "no" || s == "on" ||
        s == "off" || s == "~")
        plain = false;
    out << (plain ? YAML::Auto : YAML::DoubleQuoted) << s;
}

// Message texts are always quoted: they are prose, whatever they look like.
void put_text(YAML::Emitter &out, const std::string &s) { out << YAML::DoubleQuoted << s; }

void put_value(YAML::Emitter &out, const std::string &s) {
    if (parse_number(s) && s != "true" && s != "false")
        out << s;  // numbers plain, as written in specs
    else
        put_string(out, s);
}

template <typename T>
void put_uint(YAML::Emitter &out, const char *key, const std::optional<T> &n) {
    if (n) out << YAML::Key << key << YAML::Value << *n;
}

void put_message(YAML::Emitter &out, const MessageExpectation &m) {
    out << YAML::Flow << YAML::BeginMap;
    put_uint(out, "length", m.length);
    if (m.text) {
        out << YAML::Key << "text" << YAML::Value;
        put_text(out, *m.text);
    }
    if (m.text_regex) {
        out << YAML::Key << "text_regex" << YAML::Value;
        put_string(out, m.text_regex->pattern());
    }
    if (m.payload) out << YAML::Key << "payload" << YAML::Value << *m.payload;
    put_uint(out, "frame", m.frame);
    out << YAML::EndMap;
}

void put_description(YAML::Emitter &out, const std::string &description) {
    if (description.empty()) return;
    out << YAML::Key << "description" << YAML::Value;
    put_text(out, description);
}

void put_messages(YAML::Emitter &out, const ScopeExpectations &s) {
    out << YAML::Key << "messages" << YAML::Value << YAML::BeginMap;
    bool allow_more = false;
    std::string description;
    for (Direction d : {Direction::kClient, Direction::kServer}) {
        const auto &seq = s.messages[static_cast<int>(d)];
        if (!seq) continue;
        allow_more = allow_more || seq->allow_more;
        if (description.empty()) description = seq->description;
        out << YAML::Key << direction_name(d) << YAML::Value;
        if (seq->messages.empty()) out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const MessageExpectation &m : seq->messages) put_message(out, m);
        out << YAML::EndSeq;
    }
    if (allow_more) out << YAML::Key << "allow_more" << YAML::Value << true;
    put_description(out, description);
    out << YAML::EndMap;
}

void put_count(YAML::Emitter &out, const CountExpectation &c) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "filter" << YAML::Value;
    put_string(out, c.filter);
    put_uint(out, "exactly", c.exactly);
    put_uint(out, "at_least", c.at_least);
    put_uint(out, "at_most", c.at_most);
    put_description(out, c.description);
    out << YAML::EndMap;
}

void put_selector(YAML::Emitter &out, const FieldSelector &s) {
    switch (s.kind) {
        case FieldSelector::Kind::kFrame:
            out << YAML::Key << "frame" << YAML::Value << s.frame;
            break;
        case FieldSelector::Kind::kMessage:
            out << YAML::Key << std::string(direction_name(s.direction)) + "_message" << YAML::Value
                << s.message_index;
            break;
        case FieldSelector::Kind::kWhere:
            out << YAML::Key << "where" << YAML::Value;
            put_string(out, s.filter);
            break;
        case FieldSelector::Kind::kCapture:
            break;
    }
}

void put_matcher(YAML::Emitter &out, const ValueMatcher &m) {
    using Kind = ValueMatcher::Kind;
    switch (m.kind()) {
        case Kind::kEquals:
            out << YAML::Key << "equals" << YAML::Value;
            put_value(out, m.values()[0]);
            break;
        case Kind::kEqualsList:
            out << YAML::Key << "equals" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const std::string &v : m.values()) put_value(out, v);
            out << YAML::EndSeq;
            break;
        case Kind::kRegex:
            out << YAML::Key << "regex" << YAML::Value;
            put_string(out, m.pattern().pattern());
            break;
        case Kind::kRange:
            out << YAML::Key << "range" << YAML::Value << YAML::Flow << YAML::BeginSeq
                << format_number(m.low()) << format_number(m.high()) << YAML::EndSeq;
            break;
        case Kind::kPresent:
            out << YAML::Key << "present" << YAML::Value << true;
            break;
        case Kind::kAbsent:
            out << YAML::Key << "absent" << YAML::Value << true;
            break;
    }
}

void put_field(YAML::Emitter &out, const FieldExpectation &f) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "field" << YAML::Value << f.field;
    put_selector(out, f.selector);
    put_matcher(out, f.matcher);
    put_description(out, f.description);
    out << YAML::EndMap;
}

void put_names(YAML::Emitter &out, const char *key,
               const std::vector<Located<std::string>> &names) {
    if (names.empty()) return;
    out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
    for (const auto &n : names) out << n.value;
    out << YAML::EndSeq;
}

void put_expert(YAML::Emitter &out, const ExpertExpectation &e) {
    out << YAML::Key << "expert" << YAML::Value << YAML::BeginMap;
    if (e.max_severity)
        out << YAML::Key << "max_severity" << YAML::Value << severity_name(e.max_severity->value);
    put_names(out, "required", e.required);
    put_names(out, "forbidden", e.forbidden);
    put_description(out, e.description);
    out << YAML::EndMap;
}

// `key: state`, or `key: {expect: state, description: ...}` with a label.
template <typename State>
void put_state(YAML::Emitter &out, const char *key, const std::optional<Located<State>> &state) {
    if (!state) return;
    out << YAML::Key << key << YAML::Value;
    if (state->description.empty()) {
        out << state_name(state->value);
        return;
    }
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "expect" << YAML::Value
        << state_name(state->value);
    put_description(out, state->description);
    out << YAML::EndMap;
}

void put_scope(YAML::Emitter &out, const ScopeExpectations &s) {
    put_state(out, "handshake", s.handshake);
    put_state(out, "teardown", s.teardown);
    put_state(out, "closed_by", s.closed_by);
    if (s.has_messages()) put_messages(out, s);
    if (!s.counts.empty()) {
        out << YAML::Key << "counts" << YAML::Value << YAML::BeginSeq;
        for (const CountExpectation &c : s.counts) put_count(out, c);
        out << YAML::EndSeq;
    }
    if (!s.fields.empty()) {
        out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
        for (const FieldExpectation &f : s.fields) put_field(out, f);
        out << YAML::EndSeq;
    }
    if (s.expert) put_expert(out, *s.expert);
}

void put_tshark(YAML::Emitter &out, const TsharkSettings &t) {
    if (t.arguments().empty()) return;
    out << YAML::Key << "tshark" << YAML::Value << YAML::BeginMap;
    if (!t.preferences.empty()) {
        out << YAML::Key << "preferences" << YAML::Value << YAML::BeginMap;
        for (const auto &[name, value] : t.preferences) {
            out << YAML::Key << name << YAML::Value;
            put_value(out, value);
        }
        out << YAML::EndMap;
    }
    for (const auto &[key, list] :
         {std::pair{"decode_as", &t.decode_as}, std::pair{"heuristics", &t.heuristics}}) {
        if (list->empty()) continue;
        out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
        for (const std::string &item : *list) put_string(out, item);
        out << YAML::EndSeq;
    }
    if (t.two_pass) out << YAML::Key << "two_pass" << YAML::Value << true;
    out << YAML::EndMap;
}

void put_requirements(YAML::Emitter &out, const Requirements &r) {
    if (!r.tshark && !r.tshark_below && !r.plugin) return;
    out << YAML::Key << "requires" << YAML::Value << YAML::BeginMap;
    if (r.tshark) out << YAML::Key << "tshark" << YAML::Value << r.tshark->value.str();
    if (r.tshark_below)
        out << YAML::Key << "tshark_below" << YAML::Value << r.tshark_below->value.str();
    if (r.plugin) out << YAML::Key << "plugin" << YAML::Value << r.plugin->value.str();
    out << YAML::EndMap;
}

}  // namespace

std::string write_spec(const Spec &spec) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    if (!spec.description.empty()) {
        out << YAML::Key << "description" << YAML::Value;
        put_string(out, spec.description);
    }
    if (spec.capture) out << YAML::Key << "capture" << YAML::Value << spec.capture->value;
    put_requirements(out, spec.requirements);
    put_tshark(out, spec.tshark);
    put_state(out, "scope", spec.scope);
    put_scope(out, spec.expect);
    if (!spec.streams.empty()) {
        out << YAML::Key << "streams" << YAML::Value << YAML::BeginSeq;
        for (const StreamSpec &s : spec.streams) {
            out << YAML::BeginMap << YAML::Key << "stream" << YAML::Value << s.stream;
            if (!s.name.empty()) out << YAML::Key << "name" << YAML::Value << s.name;
            put_scope(out, s.expect);
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    std::string text = spec.header_comment + out.c_str() + "\n";
    return text;
}

}  // namespace labcheck
