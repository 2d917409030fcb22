#include "field_check.h"

#include <fmt/format.h>

#include "message_fields.h"

namespace labcheck {

using Kind = FieldSelector::Kind;
using MatchKind = ValueMatcher::Kind;

FieldCheck::FieldCheck(size_t index, const FieldExpectation &expected, FieldPlan &plan,
                       ValueKind kind)
    : index_(index),
      expected_(expected),
      kind_(kind),
      field_(plan.field(expected.field, expected.where)) {
    if (expected.selector.kind == Kind::kWhere)
        filter_ = plan.filter(expected.selector.filter, expected.where);
}

void FieldCheck::observe(const Frame &frame) {
    const FieldSelector &s = expected_.selector;
    switch (s.kind) {
        case Kind::kFrame:
            if (frame.number == s.frame) judge_unit(frame.number, frame.get(field_));
            break;
        case Kind::kWhere:
            if (frame.matched(*filter_)) judge_unit(frame.number, frame.get(field_));
            break;
        case Kind::kMessage:
            for (const ObservedMessage &m : frame.messages)
                if (m.direction == s.direction && ++messages_ == s.message_index)
                    judge_unit(frame.number,
                               MessageFields::value_for(frame, field_, expected_.field, m));
            break;
        case Kind::kCapture:
            judge_scope(frame);
            break;
    }
}

void FieldCheck::judge_unit(uint64_t frame, const std::vector<std::string> &occurrences) {
    ++units_;
    summary_.add(occurrences);
    if (!expected_.matcher.matches(occurrences, kind_))
        mismatches_.add({expected_.matcher.describe(), describe_occurrences(occurrences), frame});
}

// The scope as one sequence of occurrences, judged as it streams by.
void FieldCheck::judge_scope(const Frame &frame) {
    const auto &occurrences = frame.get(field_);
    if (occurrences.empty()) return;
    summary_.add(occurrences);
    found_ = true;
    const ValueMatcher &m = expected_.matcher;
    if (m.kind() == MatchKind::kAbsent)
        mismatches_.add({"absent", describe_occurrences(occurrences), frame.number});
    for (const std::string &v : occurrences) {
        const uint64_t n = ++occurrences_;
        if (m.per_occurrence() && !m.matches_value(v, kind_))
            mismatches_.add({m.describe(), abbreviate(v), frame.number});
        if (m.kind() != MatchKind::kEqualsList) continue;
        if (n > m.values().size())
            mismatches_.add({fmt::format("no value {}", n),
                             fmt::format("value {}: {}", n, abbreviate(v)), frame.number});
        else if (!values_equal(m.values()[n - 1], v, kind_))
            mismatches_.add({fmt::format("value {}: {}", n, abbreviate(m.values()[n - 1])),
                             fmt::format("value {}: {}", n, abbreviate(v)), frame.number});
    }
}

void FieldCheck::add_end_mismatches(MismatchList &list) const {
    const FieldSelector &s = expected_.selector;
    const ValueMatcher &m = expected_.matcher;
    const std::string want = m.describe();
    switch (s.kind) {
        case Kind::kFrame:
            if (units_ == 0)
                list.add(
                    {want, fmt::format("frame {} is not in the capture", s.frame), std::nullopt});
            break;
        case Kind::kMessage:
            if (units_ == 0)
                list.add({want,
                          fmt::format("there is no {} message {} (only {} decoded)",
                                      direction_name(s.direction), s.message_index, messages_),
                          std::nullopt});
            break;
        case Kind::kWhere:
            if (units_ == 0)
                list.add({want, fmt::format("no frame matches \"{}\"", s.filter), std::nullopt});
            break;
        case Kind::kCapture:
            if ((m.kind() == MatchKind::kPresent || m.per_occurrence()) && !found_)
                list.add({want, "(none in the scope)", std::nullopt});
            for (uint64_t n = occurrences_ + 1;
                 m.kind() == MatchKind::kEqualsList && n <= m.values().size(); ++n)
                list.add({fmt::format("value {}: {}", n, abbreviate(m.values()[n - 1])),
                          fmt::format("no value {} (only {})", n, occurrences_), std::nullopt});
            break;
    }
}

std::string FieldCheck::title() const {
    const FieldSelector &s = expected_.selector;
    switch (s.kind) {
        case Kind::kFrame:
            return fmt::format("{} on frame {}", expected_.field, s.frame);
        case Kind::kMessage:
            return fmt::format("{} of {} message {}", expected_.field, direction_name(s.direction),
                               s.message_index);
        case Kind::kWhere:
            return fmt::format("{} on every frame matching \"{}\"", expected_.field, s.filter);
        case Kind::kCapture:
            break;
    }
    return expected_.field;
}

void FieldCheck::results(std::vector<CheckResult> &out) const {
    CheckResult r{expected_.where, title(), {}, 0, expected_.description};
    MismatchList all = mismatches_;
    add_end_mismatches(all);
    all.fill(r);
    out.push_back(std::move(r));
}

void FieldCheck::bless(ScopeExpectations &scope) const {
    std::vector<CheckResult> mine;
    results(mine);
    if (mine[0].passed()) return;
    const Kind k = expected_.selector.kind;
    scope.fields[index_].matcher =
        summary_.fitting(expected_.matcher, k == Kind::kFrame || k == Kind::kMessage);
}

}  // namespace labcheck
