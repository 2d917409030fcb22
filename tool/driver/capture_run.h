// Checks one capture: a single tshark pass with every field the spec's
// checks need, its output streamed into the checks, and a verdict. A crash,
// timeout, or broken capture is an ERROR verdict, never an exception.
#pragma once

#include <optional>
#include <string>

#include "capture_checker.h"
#include "capture_result.h"
#include "preflight.h"
#include "tshark_launcher.h"

namespace labcheck {

struct RunContext {
    const TsharkLauncher &launcher;
    const Toolchain &tools;
    int timeout_seconds = 0;
    bool hex = false;  // --hex: message bodies in hex in the differences
    Log log;           // -v: the tshark command of every capture
};

struct CaptureOutcome {
    CaptureResult result;
    std::optional<Spec> blessed;  // with update: the spec rewritten to what was decoded
};

// `label`: the capture's path as reports name it (under the folder searched).
CaptureOutcome check_capture(const std::string &capture, const std::string &label, const Spec &spec,
                             const RunContext &context, bool update);

// The ERROR of a capture whose spec cannot be used; `spec` when it was read.
CaptureOutcome unusable_spec(const std::string &capture, const std::string &label,
                             const std::string &spec_file, const Spec *spec,
                             const std::string &why);

// The spec `labcheck init` writes: what `capture` decodes to with `settings`.
// Throws std::runtime_error when tshark cannot read the capture.
Spec draft_spec(const std::string &capture, const TsharkSettings &settings,
                const RunContext &context);

}  // namespace labcheck
