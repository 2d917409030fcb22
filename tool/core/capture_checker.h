// Everything one spec expects of one capture: the capture-wide scope and the
// per-stream scopes. Frames from one tshark pass are fed in; results, a
// blessed spec (--update) or a drafted one (init) come out.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "field_plan.h"
#include "message_fields.h"
#include "scope_checker.h"
#include "spec.h"

namespace labcheck {

class CaptureChecker {
  public:
    enum class Mode {
        kCheck,   // judge only
        kUpdate,  // judge and keep what blessed() needs
        kDraft,   // start from a skeleton, one scope per stream seen
    };

    CaptureChecker(const Spec &spec, const FieldKinds &kinds, Mode mode);

    // The fields and filters the tshark run must deliver.
    const FieldPlan &plan() const { return plan_; }

    void observe(Frame &frame);
    std::vector<ScopeResult> results() const;
    // The spec rewritten to what was decoded (kUpdate).
    Spec blessed() const;
    // A new spec describing the capture (kDraft).
    Spec drafted() const;

  private:
    ScopeChecker *stream_scope(const Frame &frame);
    bool carries_labproto(const Frame &frame) const;

    Spec spec_;
    FieldKinds kinds_;
    Mode mode_;
    FieldPlan plan_;
    std::unique_ptr<ScopeChecker> capture_;
    std::map<uint64_t, std::unique_ptr<ScopeChecker>> streams_;
    std::optional<MessageFields> messages_;
    std::optional<size_t> stream_field_, event_field_;
};

}  // namespace labcheck
