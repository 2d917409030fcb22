// The expectation model: what one spec file says a capture must decode to.
// Parsed from YAML by spec_parser, written back by spec_writer, judged by
// the checks. Every expectation remembers the spec line it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "severity.h"
#include "source_location.h"
#include "value_matcher.h"
#include "version.h"

namespace labcheck {

enum class Direction { kClient = 0, kServer = 1 };  // the sender, as labproto.direction
const char *direction_name(Direction direction);    // "client" / "server"

enum class HandshakeState { kComplete, kMissing, kIncomplete };
enum class TeardownState { kComplete, kReset, kHalfClosed, kOpen };
enum class Closer { kClient, kServer, kNone };

// The words a spec uses for each value of a state, in the enum's order.
template <typename State>
const std::vector<std::string> &state_names();
template <>
const std::vector<std::string> &state_names<HandshakeState>();
template <>
const std::vector<std::string> &state_names<TeardownState>();
template <>
const std::vector<std::string> &state_names<Closer>();

template <typename State>
const char *state_name(State state) {
    return state_names<State>()[static_cast<size_t>(state)].c_str();
}

// A value with the spec line it came from, and for an expectation its
// label (`description`), shown beside its result in every report.
template <typename T>
struct Located {
    Located(T v, SourceLocation w = {}, std::string d = {})
        : value(std::move(v)), where(std::move(w)), description(std::move(d)) {}

    T value;
    SourceLocation where;
    std::string description;
};

// Which frames the top-level expectations judge. kLab (the default): the
// connections that carry the lab's messages (every labproto connection when
// none does), so unrelated traffic and a refused first attempt cannot fail
// a correct run; kCapture: every frame, every labproto connection.
enum class GradingScope { kLab, kCapture };
template <>
const std::vector<std::string> &state_names<GradingScope>();

// How tshark must be run for this capture.
struct TsharkSettings {
    std::vector<std::pair<std::string, std::string>> preferences;  // -o name:value
    std::vector<std::string> decode_as;                            // -d
    std::vector<std::string> heuristics;                           // --enable-heuristic
    bool two_pass = false;                                         // -2
    SourceLocation where;

    std::vector<std::string> arguments() const;
    bool operator==(const TsharkSettings &other) const;
};

// Minimum versions; unmet ones make the capture SKIP with the reason.
struct Requirements {
    std::optional<Located<Version>> tshark;
    std::optional<Located<Version>> tshark_below;  // a Wireshark known to decode it wrong
    std::optional<Located<Version>> plugin;
};

struct MessageExpectation {
    SourceLocation where;
    std::optional<uint64_t> length;
    std::optional<std::string> text;
    std::optional<Regex> text_regex;
    std::optional<std::string> payload;  // normalized hex
    std::optional<uint64_t> frame;
};

// The messages one direction sends, in order.
struct MessageSequence {
    SourceLocation where;
    std::vector<MessageExpectation> messages;
    bool allow_more = false;  // further messages after the listed ones are fine
    std::string description;
};

struct CountExpectation {
    SourceLocation where;
    std::string description;
    std::string filter;
    std::optional<uint64_t> exactly, at_least, at_most;
};

// Which value(s) of the field a check looks at.
struct FieldSelector {
    enum class Kind { kCapture, kFrame, kMessage, kWhere };
    Kind kind = Kind::kCapture;
    uint64_t frame = 0;                        // kFrame
    Direction direction = Direction::kClient;  // kMessage
    uint64_t message_index = 0;                // kMessage, 1-based
    std::string filter;                        // kWhere: every frame matching
};

struct FieldExpectation {
    SourceLocation where;
    std::string description;
    std::string field;
    FieldSelector selector;
    ValueMatcher matcher = ValueMatcher::present();
};

struct ExpertExpectation {
    std::optional<Located<Severity>> max_severity;
    std::vector<Located<std::string>> required;
    std::vector<Located<std::string>> forbidden;
    SourceLocation where;
    std::string description;
};

// Expectations about one scope: the whole capture or one TCP stream.
struct ScopeExpectations {
    std::optional<Located<HandshakeState>> handshake;
    std::optional<Located<TeardownState>> teardown;
    std::optional<Located<Closer>> closed_by;
    std::optional<MessageSequence> messages[2];  // by Direction
    std::vector<CountExpectation> counts;
    std::vector<FieldExpectation> fields;
    std::optional<ExpertExpectation> expert;

    bool has_connection() const { return handshake || teardown || closed_by; }
    bool has_messages() const { return messages[0] || messages[1]; }
    bool empty() const;
};

struct StreamSpec {
    SourceLocation where;
    uint64_t stream = 0;  // tcp.stream
    std::string name;     // optional label for reports
    ScopeExpectations expect;

    std::string label() const;  // "stream 0" or "stream 0 (name)"
};

struct Spec {
    std::string file;
    std::string description;
    std::optional<Located<std::string>> capture;  // as written, relative to the spec
    Requirements requirements;
    TsharkSettings tshark;
    std::optional<Located<GradingScope>> scope;  // as written; kLab when absent
    ScopeExpectations expect;                    // the top level, judged in `grading()`
    std::vector<StreamSpec> streams;
    std::string header_comment;  // leading comment lines, kept when rewritten
    std::string text;            // the spec as read, for rewriting only what changed

    GradingScope grading() const { return scope ? scope->value : GradingScope::kLab; }
};

}  // namespace labcheck
