// Everything one spec expects of one capture: the top-level expectations
// and the per-stream sections. Frames from one tshark pass are fed in;
// results, the capture's contents (what was graded, what was not), a
// blessed spec (--update) or a drafted one (init) come out.
//
// The top level grades, by default, the lab's connections: the labproto
// streams that carry lab data (every labproto stream when none does). A
// stream's frames wait until it is known to be one of them, so its
// handshake counts; other traffic never reaches the checks.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "field_plan.h"
#include "message_fields.h"
#include "scope_checker.h"
#include "spec.h"
#include "stream_catalog.h"

namespace labcheck {

class CaptureChecker {
  public:
    enum class Mode {
        kCheck,   // judge only
        kUpdate,  // judge and keep what blessed() needs
        kDraft,   // start from a skeleton, one scope per graded stream
    };

    // `hex`: message bodies in hex in the differences.
    CaptureChecker(const Spec &spec, const FieldKinds &kinds, Mode mode, bool hex = false);

    // The fields and filters the tshark run must deliver.
    const FieldPlan &plan() const { return plan_; }

    void observe(Frame &frame);
    // After the last frame, before asking for anything below.
    void finish();

    std::vector<ScopeResult> results() const;
    CaptureContents contents() const;
    // The spec rewritten to what was decoded (kUpdate).
    Spec blessed() const;
    // A new spec describing the capture (kDraft).
    Spec drafted() const;

  private:
    void route(const Frame &frame);
    void deliver(const Frame &frame);

    Spec spec_;
    FieldKinds kinds_;
    Mode mode_;
    bool hex_;
    FieldPlan plan_;
    std::optional<MessageFields> messages_;
    StreamCatalog catalog_;
    std::unique_ptr<ScopeChecker> top_;
    std::map<uint64_t, std::unique_ptr<ScopeChecker>> streams_;  // sections, or drafted ones
    std::map<uint64_t, std::vector<Frame>> waiting_;  // labproto streams without lab data yet
    std::set<uint64_t> live_;                         // labproto streams with lab data
    std::set<uint64_t> graded_;
};

}  // namespace labcheck
