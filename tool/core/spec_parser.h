// Reads spec files (YAML) into the expectation model, rejecting unknown keys,
// wrong types and contradictions with the file:line to fix.
#pragma once

#include <string>

#include "spec.h"

namespace labcheck {

// Throws SpecError.
Spec parse_spec(const std::string &text, const std::string &file);
Spec load_spec(const std::string &path);

}  // namespace labcheck
