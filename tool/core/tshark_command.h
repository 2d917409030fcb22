// The tshark command lines labcheck runs, and how to read their outcome.
// Building them is pure; driver/ runs them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "field_plan.h"
#include "spec.h"

namespace labcheck {

// One pass over a capture: -T ek with exactly the planned fields, the spec's
// settings, and the frames tap for each planned filter.
std::vector<std::string> capture_arguments(const std::string &capture,
                                           const TsharkSettings &settings, const FieldPlan &plan);

// Checks that settings are accepted and filters compile, on an empty capture.
std::vector<std::string> compile_arguments(const std::string &empty_capture,
                                           const TsharkSettings &settings,
                                           const std::vector<std::string> &filters);

// A pcap file header with no packets: what compile_arguments reads.
std::string empty_pcap();

struct ProcessOutcome {
    bool timed_out = false;
    bool signaled = false;
    int signal = 0;
    int exit_code = 0;
    std::string stderr_text;
};

// Why a tshark run cannot be trusted (crash, timeout, unreadable or cut-short
// capture), or nothing when it can.
std::optional<std::string> tshark_failure(const ProcessOutcome &outcome, int timeout_seconds);

// tshark read the capture up to a packet the file ends inside ("cut short in
// the middle of a packet") and said nothing worse: what it read can be graded.
bool cut_short(const ProcessOutcome &outcome);

// The first few meaningful lines of tshark's stderr.
std::string stderr_summary(const std::string &stderr_text, size_t max_lines = 3);

}  // namespace labcheck
