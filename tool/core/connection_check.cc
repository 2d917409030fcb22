#include "connection_check.h"

#include <fmt/format.h>

namespace labcheck {

namespace {
Direction direction_of(const std::string *value) {
    return value && *value == "1" ? Direction::kServer : Direction::kClient;
}
}  // namespace

HandshakeState ConnectionSummary::handshake() const {
    if (complete_frame) return HandshakeState::kComplete;
    if (missing_frame) return HandshakeState::kMissing;
    return HandshakeState::kIncomplete;
}

TeardownState ConnectionSummary::teardown() const {
    if (reset_frame) return TeardownState::kReset;
    if (teardown_frame) return TeardownState::kComplete;
    if (fin_frame) return TeardownState::kHalfClosed;
    return TeardownState::kOpen;
}

Closer ConnectionSummary::closer() const {
    // Who closed first: the first FIN, else whoever aborted with a RST.
    const std::optional<Direction> who = close_initiator ? close_initiator : reset_sender;
    if (!who) return Closer::kNone;
    return *who == Direction::kClient ? Closer::kClient : Closer::kServer;
}

std::optional<uint64_t> ConnectionSummary::handshake_evidence() const {
    if (complete_frame) return complete_frame;
    return missing_frame ? missing_frame : syn_frame;
}

std::optional<uint64_t> ConnectionSummary::teardown_evidence() const {
    if (reset_frame) return reset_frame;
    return teardown_frame ? teardown_frame : fin_frame;
}

std::optional<uint64_t> ConnectionSummary::closer_evidence() const {
    return fin_frame ? fin_frame : reset_frame;
}

ConnectionCheck::ConnectionCheck(const ScopeExpectations &expect, FieldPlan &plan)
    : handshake_(expect.handshake),
      teardown_(expect.teardown),
      closed_by_(expect.closed_by),
      event_(plan.field("labproto.conn.event")),
      initiator_(plan.field("labproto.conn.close_initiator")),
      direction_(plan.field("labproto.direction")),
      stream_(plan.field("tcp.stream")),
      src_port_(plan.field("tcp.srcport")),
      dst_port_(plan.field("tcp.dstport")) {}

// From the plugin's direction on a message, or from who sent the SYN.
void ConnectionCheck::learn_client(const Frame &frame, ConnectionSummary &s) const {
    const std::string *src = frame.first(src_port_), *dst = frame.first(dst_port_);
    if (s.client_port || !src || !dst) return;
    if (const std::string *direction = frame.first(direction_)) {
        s.client_port = *direction == "0" ? *src : *dst;
        return;
    }
    for (const std::string &event : frame.get(event_)) {
        if (event == "syn") s.client_port = *src;
        if (event == "synack") s.client_port = *dst;
    }
}

void ConnectionCheck::observe(const Frame &frame) {
    const auto &events = frame.get(event_);
    if (events.empty()) {
        const auto known = streams_.find(frame.stream.value_or(0));
        if (known != streams_.end()) learn_client(frame, known->second);
        return;
    }
    ConnectionSummary &s = streams_[frame.stream.value_or(0)];
    learn_client(frame, s);
    const auto first = [&](std::optional<uint64_t> &slot) {
        if (!slot) slot = frame.number;
    };
    for (const std::string &event : events) {
        if (event == "syn" || event == "synack")
            first(s.syn_frame);
        else if (event == "handshake-complete")
            first(s.complete_frame);
        else if (event == "handshake-missing")
            first(s.missing_frame);
        else if (event == "fin")
            first(s.fin_frame);
        else if (event == "teardown-complete")
            first(s.teardown_frame);
        else if (event == "reset" && !s.reset_frame) {
            s.reset_frame = frame.number;
            const std::string *src = frame.first(src_port_);
            if (s.client_port && src)
                s.reset_sender = *src == *s.client_port ? Direction::kClient : Direction::kServer;
        }
    }
    if (!s.close_initiator)
        if (const std::string *who = frame.first(initiator_)) s.close_initiator = direction_of(who);
}

template <typename State, typename Actual, typename Frames>
void ConnectionCheck::judge(const std::optional<Located<State>> &expected, const char *title,
                            Actual actual, Frames frame, std::vector<CheckResult> &out) const {
    if (!expected) return;
    CheckResult r{expected->where, title, {}, 0, expected->description};
    MismatchList mismatches;
    const std::string want = fmt::format("{} {}", title, state_name(expected->value));
    if (streams_.empty()) mismatches.add({want, "no labproto connection seen", std::nullopt});
    for (const auto &[stream, summary] : streams_) {
        const State got = (summary.*actual)();
        if (got == expected->value) continue;
        const std::string where = streams_.size() > 1 ? fmt::format(" (stream {})", stream) : "";
        mismatches.add(
            {want, fmt::format("{} {}{}", title, state_name(got), where), (summary.*frame)()});
    }
    mismatches.fill(r);
    out.push_back(std::move(r));
}

void ConnectionCheck::results(std::vector<CheckResult> &out) const {
    judge(handshake_, "handshake", &ConnectionSummary::handshake,
          &ConnectionSummary::handshake_evidence, out);
    judge(teardown_, "teardown", &ConnectionSummary::teardown,
          &ConnectionSummary::teardown_evidence, out);
    judge(closed_by_, "closed_by", &ConnectionSummary::closer, &ConnectionSummary::closer_evidence,
          out);
}

void ConnectionCheck::bless(ScopeExpectations &scope) const {
    if (streams_.empty()) {  // no labproto connection: nothing to expect of one
        scope.handshake.reset();
        scope.teardown.reset();
        scope.closed_by.reset();
        return;
    }
    const ConnectionSummary &s = streams_.begin()->second;
    if (scope.handshake) scope.handshake->value = s.handshake();
    if (scope.teardown) scope.teardown->value = s.teardown();
    if (scope.closed_by) scope.closed_by->value = s.closer();
}

}  // namespace labcheck
