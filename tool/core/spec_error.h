// A spec that cannot be used as written. Carries the file:line to fix.
#pragma once

#include <stdexcept>
#include <string>

#include "source_location.h"

namespace labcheck {

class SpecError : public std::runtime_error {
  public:
    SpecError(SourceLocation where, const std::string &message)
        : std::runtime_error(where.str() + ": " + message), where_(std::move(where)) {}

    const SourceLocation &where() const { return where_; }

  private:
    SourceLocation where_;
};

}  // namespace labcheck
