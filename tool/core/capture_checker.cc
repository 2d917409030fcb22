#include "capture_checker.h"

#include <algorithm>

namespace labcheck {

CaptureChecker::CaptureChecker(const Spec &spec, const FieldKinds &kinds, Mode mode, bool hex)
    : spec_(spec), kinds_(kinds), mode_(mode), hex_(hex), messages_(plan_), catalog_(plan_) {
    const bool record = mode != Mode::kCheck;
    const ScopeExpectations top = mode == Mode::kDraft ? ScopeChecker::skeleton() : spec.expect;
    top_ = std::make_unique<ScopeChecker>("capture", std::nullopt, top, plan_, kinds, record, hex);
    for (const StreamSpec &s : spec.streams)
        streams_.emplace(s.stream, std::make_unique<ScopeChecker>(s.label(), s.stream, s.expect,
                                                                  plan_, kinds, record, hex));
}

void CaptureChecker::observe(Frame &frame) {
    messages_->extract(frame);
    catalog_.observe(frame);
    if (mode_ != Mode::kDraft && frame.stream)
        if (const auto it = streams_.find(*frame.stream); it != streams_.end())
            it->second->observe(frame);
    if (spec_.grading() == GradingScope::kCapture && mode_ != Mode::kDraft) {
        top_->observe(frame);
        return;
    }
    route(frame);
}

// A frame of a labproto stream reaches the top level once the stream has
// carried lab data, together with the frames of that stream before it.
void CaptureChecker::route(const Frame &frame) {
    if (!frame.stream || !catalog_.is_labproto(*frame.stream)) return;
    const uint64_t stream = *frame.stream;
    if (live_.count(stream) == 0) {
        if (!catalog_.carries_lab_data(frame)) {
            waiting_[stream].push_back(frame);
            return;
        }
        live_.insert(stream);
        for (const Frame &earlier : waiting_[stream]) deliver(earlier);
        waiting_.erase(stream);
    }
    deliver(frame);
}

void CaptureChecker::deliver(const Frame &frame) {
    top_->observe(frame);
    if (mode_ != Mode::kDraft || !frame.stream) return;
    auto &scope = streams_[*frame.stream];
    if (!scope) {
        StreamSpec s;
        s.stream = *frame.stream;
        scope = std::make_unique<ScopeChecker>(s.label(), s.stream, ScopeChecker::skeleton(), plan_,
                                               kinds_, true, hex_);
    }
    scope->observe(frame);
}

void CaptureChecker::finish() {
    const bool by_capture = spec_.grading() == GradingScope::kCapture && mode_ != Mode::kDraft;
    if (by_capture) {
        for (const StreamInfo &s : catalog_.contents({}).streams)
            if (s.labproto) graded_.insert(s.stream);
        return;
    }
    graded_ = live_;
    if (live_.empty()) {
        // No connection carried lab data: grade every labproto connection.
        std::vector<Frame> all;
        for (auto &[stream, frames] : waiting_) {
            graded_.insert(stream);
            for (Frame &f : frames) all.push_back(std::move(f));
        }
        std::sort(all.begin(), all.end(),
                  [](const Frame &a, const Frame &b) { return a.number < b.number; });
        for (const Frame &f : all) deliver(f);
    }
    waiting_.clear();
}

std::vector<ScopeResult> CaptureChecker::results() const {
    std::vector<ScopeResult> out;
    out.push_back(top_->result());
    for (const StreamSpec &s : spec_.streams) out.push_back(streams_.at(s.stream)->result());
    return out;
}

CaptureContents CaptureChecker::contents() const { return catalog_.contents(graded_); }

Spec CaptureChecker::blessed() const {
    Spec out = spec_;
    out.expect = top_->blessed();
    for (StreamSpec &s : out.streams) s.expect = streams_.at(s.stream)->blessed();
    return out;
}

Spec CaptureChecker::drafted() const {
    Spec out = spec_;
    out.expect = top_->blessed();
    out.streams.clear();
    if (streams_.size() <= 1) return out;
    // Several lab connections: describe each, keep only the overall expert limit.
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
