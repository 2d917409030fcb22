// Turns tshark's -T ek output (one JSON object per line), interleaved with
// the lines of the labproto frames tap (frames_tap.h), into Frames, one line at a time: memory
// stays constant however long the capture is.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "field_plan.h"
#include "frame.h"

namespace labcheck {

class OutputError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

class EkReader {
  public:
    explicit EkReader(const FieldPlan &plan);

    // Feeds one line; returns true when it completed `frame`. Throws
    // OutputError for a line that is not what tshark prints.
    bool feed(const std::string &line, Frame &frame);

    // After the pass: why the frames tap's answers cannot be trusted (a
    // filter without its closing total, or a total that disagrees with the
    // frames read), or nothing.
    std::optional<std::string> tap_problem() const;
    uint64_t frames() const { return frames_; }

  private:
    bool read_line(const std::string &line, Frame &frame);
    void read_layers(const nlohmann::json &layers, Frame &frame);
    void apply_matches(Frame &frame);
    std::pair<size_t, uint64_t> tap_pair(const nlohmann::json &value,
                                         const std::string &line) const;

    const FieldPlan &plan_;
    std::unordered_map<std::string, size_t> ek_names_;  // "labproto_len" -> field id
    std::vector<std::pair<uint64_t, size_t>> pending_;  // (frame, filter) from the tap
    std::vector<uint64_t> matched_;                     // by filter: frames the tap named
    std::vector<std::optional<uint64_t>> totals_;       // by filter: the tap's closing count
    std::optional<size_t> stream_field_;
    uint64_t frames_ = 0;
};

// -T ek writes field names with '.' replaced by '_'.
std::string ek_name(const std::string &field);

}  // namespace labcheck
