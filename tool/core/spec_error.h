// A spec that cannot be used as written. Carries the file:line to fix; the
// message is valid UTF-8 whatever the spec holds.
#pragma once

#include <stdexcept>
#include <string>

#include "source_location.h"
#include "utf8.h"

namespace labcheck {

class SpecError : public std::runtime_error {
  public:
    SpecError(SourceLocation where, const std::string &message)
        : std::runtime_error(valid_utf8(where.str() + ": " + message)), where_(std::move(where)) {}

    const SourceLocation &where() const { return where_; }

  private:
    SourceLocation where_;
};

}  // namespace labcheck
