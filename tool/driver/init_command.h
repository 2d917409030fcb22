// `labcheck init CAPTURE...`: write a starter sidecar spec describing what
// each capture decodes to, for a person to review.
#pragma once

#include <string>
#include <vector>

#include "session.h"
#include "spec.h"

namespace labcheck {

struct InitOptions {
    ToolOptions tool;
    std::vector<std::string> captures;
    TsharkSettings settings;  // -o, -d, --enable-heuristic, -2: kept in the spec
    bool force = false;       // overwrite an existing spec
};

int run_init(const InitOptions &options);

}  // namespace labcheck
