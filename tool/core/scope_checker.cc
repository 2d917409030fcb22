#include "scope_checker.h"

#include <algorithm>

#include "connection_check.h"
#include "count_check.h"
#include "expert_check.h"
#include "field_check.h"
#include "message_check.h"

namespace labcheck {

ValueKind kind_of(const FieldKinds &kinds, const std::string &field) {
    const auto it = kinds.find(field);
    return it == kinds.end() ? ValueKind::kText : it->second;
}

bool ScopeResult::passed() const { return failures() == 0; }

size_t ScopeResult::failures() const {
    return static_cast<size_t>(
        std::count_if(checks.begin(), checks.end(), [](const auto &c) { return !c.passed(); }));
}

ScopeChecker::ScopeChecker(std::string label, std::optional<uint64_t> stream,
                           const ScopeExpectations &expect, FieldPlan &plan,
                           const FieldKinds &kinds, bool record, bool hex)
    : label_(std::move(label)), stream_(stream), expect_(expect) {
    if (expect.has_connection()) checks_.push_back(std::make_unique<ConnectionCheck>(expect, plan));
    for (Direction d : {Direction::kClient, Direction::kServer})
        if (const auto &seq = expect.messages[static_cast<int>(d)])
            checks_.push_back(std::make_unique<MessageCheck>(d, *seq, record, hex));
    for (size_t i = 0; i < expect.counts.size(); ++i)
        checks_.push_back(std::make_unique<CountCheck>(i, expect.counts[i], plan));
    for (size_t i = 0; i < expect.fields.size(); ++i)
        checks_.push_back(std::make_unique<FieldCheck>(i, expect.fields[i], plan,
                                                       kind_of(kinds, expect.fields[i].field)));
    if (expect.expert) checks_.push_back(std::make_unique<ExpertCheck>(*expect.expert, plan));
}

void ScopeChecker::observe(const Frame &frame) {
    for (const auto &check : checks_) check->observe(frame);
}

ScopeResult ScopeChecker::result() const {
    ScopeResult r{label_, stream_, {}};
    for (const auto &check : checks_) check->results(r.checks);
    std::stable_sort(r.checks.begin(), r.checks.end(),
                     [](const auto &a, const auto &b) { return a.where.line < b.where.line; });
    return r;
}

ScopeExpectations ScopeChecker::blessed() const {
    ScopeExpectations out = expect_;
    for (const auto &check : checks_) check->bless(out);
    return out;
}

ScopeExpectations ScopeChecker::skeleton() {
    ScopeExpectations s;
    s.handshake = Located<HandshakeState>{HandshakeState::kComplete, {}};
    s.teardown = Located<TeardownState>{TeardownState::kComplete, {}};
    s.closed_by = Located<Closer>{Closer::kClient, {}};
    s.messages[0] = MessageSequence{};
    s.messages[1] = MessageSequence{};
    s.expert = ExpertExpectation{};
    s.expert->max_severity = Located<Severity>{Severity::kChat, {}};
    return s;
}

}  // namespace labcheck
