#include "capture_checker.h"

namespace labcheck {

CaptureChecker::CaptureChecker(const Spec &spec, const FieldKinds &kinds, Mode mode)
    : spec_(spec), kinds_(kinds), mode_(mode) {
    const bool record = mode != Mode::kCheck;
    const ScopeExpectations capture = mode == Mode::kDraft ? ScopeChecker::skeleton() : spec.expect;
    capture_ =
        std::make_unique<ScopeChecker>("capture", std::nullopt, capture, plan_, kinds, record);
    bool messages = capture_->needs_messages();
    for (const StreamSpec &s : spec.streams) {
        auto scope =
            std::make_unique<ScopeChecker>(s.label(), s.stream, s.expect, plan_, kinds, record);
        messages = messages || scope->needs_messages();
        streams_.emplace(s.stream, std::move(scope));
    }
    if (messages) messages_.emplace(plan_);
    if (!spec.streams.empty() || mode == Mode::kDraft) stream_field_ = plan_.field("tcp.stream");
    if (mode == Mode::kDraft) event_field_ = plan_.field("labproto.conn.event");
}

void CaptureChecker::observe(Frame &frame) {
    if (messages_) messages_->extract(frame);
    capture_->observe(frame);
    if (ScopeChecker *scope = stream_scope(frame)) scope->observe(frame);
}

bool CaptureChecker::carries_labproto(const Frame &frame) const {
    return !frame.messages.empty() || (event_field_ && !frame.get(*event_field_).empty());
}

ScopeChecker *CaptureChecker::stream_scope(const Frame &frame) {
    if (!frame.stream) return nullptr;
    const auto it = streams_.find(*frame.stream);
    if (it != streams_.end()) return it->second.get();
    if (mode_ != Mode::kDraft || !carries_labproto(frame)) return nullptr;
    StreamSpec s;
    s.stream = *frame.stream;
    auto scope = std::make_unique<ScopeChecker>(s.label(), s.stream, ScopeChecker::skeleton(),
                                                plan_, kinds_, true);
    return streams_.emplace(s.stream, std::move(scope)).first->second.get();
}

std::vector<ScopeResult> CaptureChecker::results() const {
    std::vector<ScopeResult> out;
    out.push_back(capture_->result());
    for (const StreamSpec &s : spec_.streams) out.push_back(streams_.at(s.stream)->result());
    return out;
}

Spec CaptureChecker::blessed() const {
    Spec out = spec_;
    out.expect = capture_->blessed();
    for (StreamSpec &s : out.streams) s.expect = streams_.at(s.stream)->blessed();
    return out;
}

Spec CaptureChecker::drafted() const {
    Spec out = spec_;
    out.expect = capture_->blessed();
    out.streams.clear();
    if (streams_.size() <= 1) return out;
    // Several conversations: describe each, keep only the overall expert limit.
    ScopeExpectations overall;
    overall.expert = out.expect.expert;
    out.expect = overall;
    for (const auto &[stream, scope] : streams_) {
        StreamSpec s;
        s.stream = stream;
        s.expect = scope->blessed();
        out.streams.push_back(std::move(s));
    }
    return out;
}

}  // namespace labcheck
