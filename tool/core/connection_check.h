// Handshake, teardown and who closed first, from the plugin's connection
// lifecycle fields (labproto.conn.*). In a scope with several TCP streams
// every stream must meet the expectation.
#pragma once

#include <map>

#include "check.h"
#include "field_plan.h"

namespace labcheck {

// What the lifecycle fields said about one TCP stream.
struct ConnectionSummary {
    std::optional<uint64_t> syn_frame, complete_frame, missing_frame;
    std::optional<uint64_t> fin_frame, teardown_frame, reset_frame;
    std::optional<Direction> close_initiator, reset_sender;
    // The client's TCP port, to tell who sent a RST (the lifecycle fields do not say).
    std::optional<std::string> client_port;

    HandshakeState handshake() const;
    TeardownState teardown() const;
    Closer closer() const;
    // The frame that shows each state, for the report.
    std::optional<uint64_t> handshake_evidence() const;
    std::optional<uint64_t> teardown_evidence() const;
    std::optional<uint64_t> closer_evidence() const;
};

class ConnectionCheck : public Check {
  public:
    ConnectionCheck(const ScopeExpectations &expect, FieldPlan &plan);

    void observe(const Frame &frame) override;
    void results(std::vector<CheckResult> &out) const override;
    void bless(ScopeExpectations &scope) const override;

    const std::map<uint64_t, ConnectionSummary> &streams() const { return streams_; }

  private:
    template <typename State, typename Actual, typename Frames>
    void judge(const std::optional<Located<State>> &expected, const char *title, Actual actual,
               Frames frame, std::vector<CheckResult> &out) const;

    std::optional<Located<HandshakeState>> handshake_;
    std::optional<Located<TeardownState>> teardown_;
    std::optional<Located<Closer>> closed_by_;
    void learn_client(const Frame &frame, ConnectionSummary &s) const;

    size_t event_, initiator_, direction_, stream_, src_port_, dst_port_;
    std::map<uint64_t, ConnectionSummary> streams_;
};

}  // namespace labcheck
