// Builds the Frames tshark would report, for feeding checks in tests. A
// frame is on TCP stream 0, which labproto decodes, unless told otherwise.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "capture_checker.h"
#include "field_plan.h"
#include "frame.h"
#include "hex.h"
#include "spec_parser.h"

namespace labcheck::testing {

class FrameBuilder {
  public:
    FrameBuilder(const FieldPlan &plan, uint64_t number) : plan_(plan) {
        frame_.number = number;
        frame_.values.resize(plan.fields().size());
        frame_.matches.assign(plan.filters().size(), false);
        frame_.values[FieldPlan::kFrameNumber] = {std::to_string(number)};
        stream(0);
        set("labproto", {"labproto"});
    }
    // Ignored when the plan does not ask for the field: tshark would not print it.
    FrameBuilder &set(const std::string &field, std::vector<std::string> values) {
        if (const auto id = plan_.find_field(field)) frame_.values[*id] = std::move(values);
        return *this;
    }
    FrameBuilder &stream(uint64_t s) {
        frame_.stream = s;
        return set("tcp.stream", {std::to_string(s)});
    }
    // Not TCP at all (a DNS packet, say).
    FrameBuilder &no_stream() {
        frame_.stream.reset();
        set("labproto", {});
        return set("tcp.stream", {});
    }
    FrameBuilder &match(const std::string &filter) {
        for (size_t i = 0; i < plan_.filters().size(); ++i)
            if (plan_.filters()[i] == filter) frame_.matches[i] = true;
        return *this;
    }
    Frame build() const { return frame_; }

  private:
    const FieldPlan &plan_;
    Frame frame_;
};

// A labproto message frame: len/msg_index/direction/text/encoding/payload.
inline Frame message_frame(const FieldPlan &plan, uint64_t number, int direction,
                           std::vector<std::pair<uint64_t, std::string>> messages,
                           uint64_t first_index = 1) {
    std::vector<std::string> lens, indexes, texts, encodings, payloads;
    for (const auto &[len, text] : messages) {
        lens.push_back(std::to_string(len));
        indexes.push_back(std::to_string(first_index++));
        texts.push_back(text);
        encodings.push_back("UTF-8");
        payloads.push_back(hex_of(text));
    }
    return FrameBuilder(plan, number)
        .set("labproto.len", lens)
        .set("labproto.msg_index", indexes)
        .set("labproto.direction", {std::to_string(direction)})
        .set("labproto.text", texts)
        .set("labproto.encoding", encodings)
        .set("labproto.payload", payloads)
        .build();
}

// Runs frames through a checker built from spec text; returns the checker.
class Harness {
  public:
    explicit Harness(const std::string &yaml,
                     CaptureChecker::Mode mode = CaptureChecker::Mode::kCheck,
                     FieldKinds kinds = {})
        : spec_(parse_spec(yaml, "t.yaml")), checker_(spec_, kinds, mode) {}

    const FieldPlan &plan() const { return checker_.plan(); }
    Harness &feed(Frame frame) {
        checker_.observe(frame);
        return *this;
    }
    // The results once the capture has ended (no frame may follow).
    std::vector<ScopeResult> results() const { return finished().results(); }
    const CaptureChecker &checker() const { return finished(); }
    // The failed checks of every scope, as "title: -expected / +actual (frame)" lines.
    std::vector<std::string> failures() const {
        std::vector<std::string> out;
        for (const ScopeResult &s : results())
            for (const CheckResult &c : s.checks)
                for (const Mismatch &m : c.mismatches)
                    out.push_back(c.title + ": -" + m.expected + " / +" + m.actual +
                                  (m.frame ? " (" + std::to_string(*m.frame) + ")" : ""));
        return out;
    }

  private:
    const CaptureChecker &finished() const {
        if (!finished_) checker_.finish();
        finished_ = true;
        return checker_;
    }

    Spec spec_;
    mutable CaptureChecker checker_;
    mutable bool finished_ = false;
};

}  // namespace labcheck::testing
