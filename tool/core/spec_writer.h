// Writes a spec back as YAML (labcheck init, --update), in the schema
// spec_parser reads, so that parse(write(spec)) describes the same checks.
#pragma once

#include <string>

#include "spec.h"

namespace labcheck {

std::string write_spec(const Spec &spec);

}  // namespace labcheck
