// `labcheck [options] PATH...`: find the captures and their specs, preflight
// once, check every capture (in parallel), report, and with --update rewrite
// the specs whose captures no longer match.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "session.h"
#include "shard.h"

namespace labcheck {

struct CheckOptions {
    ToolOptions tool;
    std::vector<std::string> paths;
    std::optional<std::string> spec;  // --spec: one spec for every capture
    size_t jobs = 1;
    std::optional<Shard> shard;
    std::optional<std::string> junit, json;
    std::optional<std::string> report_dir;  // one readable report per capture
    bool quiet = false;
    bool update = false;
    bool force = false;  // --update may rewrite a spec given with --spec
    bool color = false;
};

// The exit status: 0 all passed, 1 some failed or errored, 2 usage/spec/environment
// error or a report not written (the captures of specs that can be used are
// still checked and reported).
int run_check(const CheckOptions &options);

}  // namespace labcheck
