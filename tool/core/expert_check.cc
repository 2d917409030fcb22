#include "expert_check.h"

#include <fmt/format.h>

namespace labcheck {

ExpertCheck::ExpertCheck(const ExpertExpectation &expected, FieldPlan &plan) : expected_(expected) {
    if (expected.max_severity) {
        severity_ = plan.field("_ws.expert.severity");
        message_ = plan.field("_ws.expert.message");
    }
    for (bool required : {true, false})
        for (const auto &name : required ? expected.required : expected.forbidden)
            named_.push_back({name, plan.field(name.value, name.where), required, 0, {}});
}

void ExpertCheck::observe(const Frame &frame) {
    if (severity_) {
        const auto &severities = frame.get(*severity_);
        const auto &messages = frame.get(*message_);
        for (size_t i = 0; i < severities.size(); ++i) {
            const auto s = severity_from_tshark(severities[i]);
            if (!s) continue;
            if (!max_seen_ || *s > *max_seen_) max_seen_ = s;
            if (*s > expected_.max_severity->value)
                too_severe_.add(
                    {fmt::format("at most {}", severity_name(expected_.max_severity->value)),
                     fmt::format("{}: {}", severity_name(*s),
                                 i < messages.size() ? messages[i] : "?"),
                     frame.number});
        }
    }
    for (Named &n : named_) {
        if (frame.get(n.field).empty()) continue;
        ++n.seen;
        if (!n.required)
            n.mismatches.add({n.name.value + " absent", n.name.value + " present", frame.number});
    }
}

void ExpertCheck::results(std::vector<CheckResult> &out) const {
    if (expected_.max_severity) {
        CheckResult r{
            expected_.max_severity->where, "expert max_severity", {}, 0, expected_.description};
        too_severe_.fill(r);
        out.push_back(std::move(r));
    }
    for (const Named &n : named_) {
        CheckResult r{
            n.name.where,
            fmt::format("expert {} {}", n.required ? "required" : "forbidden", n.name.value),
            {},
            0,
            expected_.description};
        if (n.required && n.seen == 0)
            r.mismatches.push_back(
                {n.name.value + " present", "(none in the scope)", std::nullopt, {}, {}});
        else
            n.mismatches.fill(r);
        out.push_back(std::move(r));
    }
}

void ExpertCheck::bless(ScopeExpectations &scope) const {
    ExpertExpectation &e = *scope.expert;
    if (e.max_severity && !too_severe_.empty()) e.max_severity->value = *max_seen_;
    const auto keep = [&](std::vector<Located<std::string>> &names, bool required) {
        std::vector<Located<std::string>> kept;
        for (const auto &name : names)
            for (const Named &n : named_)
                if (n.required == required && n.name.value == name.value &&
                    (required ? n.seen > 0 : n.seen == 0))
                    kept.push_back(name);
        names = kept;
    };
    keep(e.required, true);
    keep(e.forbidden, false);
}

}  // namespace labcheck
