// One frame as tshark reported it: the requested fields' occurrences and
// which of the requested display filters it matched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.h"

namespace labcheck {

struct Frame {
    uint64_t number = 0;
    std::optional<uint64_t> stream;                // tcp.stream, when planned
    std::vector<std::vector<std::string>> values;  // by FieldPlan field id
    std::vector<bool> matches;                     // by FieldPlan filter id
    std::vector<ObservedMessage> messages;         // labproto messages, when planned

    const std::vector<std::string> &get(size_t field) const { return values[field]; }
    const std::string *first(size_t field) const {
        return values[field].empty() ? nullptr : &values[field][0];
    }
    bool matched(size_t filter) const { return matches[filter]; }
};

}  // namespace labcheck
