// A spec that cannot be used as written. Carries the file:line to fix; the
// message is valid UTF-8 whatever the spec holds.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "source_location.h"
#include "utf8.h"

namespace labcheck {

class SpecError : public std::runtime_error {
  public:
    SpecError(SourceLocation where, const std::string &message)
        : std::runtime_error(valid_utf8(where.str() + ": " + message)), where_(std::move(where)) {}

    const SourceLocation &where() const { return where_; }

    // Every error found in one spec, one per line in line order; the
    // location is the first one's.
    static SpecError all_of(std::vector<SpecError> errors);

  private:
    struct Joined {};
    SpecError(SourceLocation where, const std::string &lines, Joined)
        : std::runtime_error(lines), where_(std::move(where)) {}

    SourceLocation where_;
};

inline SpecError SpecError::all_of(std::vector<SpecError> errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const SpecError &a, const SpecError &b) {
        return a.where().line < b.where().line;
    });
    std::string lines;
    for (const SpecError &e : errors) lines += (lines.empty() ? "" : "\n") + std::string(e.what());
    return SpecError(errors.front().where(), lines, Joined{});
}

}  // namespace labcheck
