// How a field's printed value compares, from its tshark type (-G fields).
#pragma once

#include <optional>
#include <string>

namespace labcheck {

enum class ValueKind {
    kText,      // compared as written (strings, addresses, times)
    kNumber,    // integers, floats, booleans, relative times: compared numerically
    kBytes,     // hex byte strings: compared without separators or case
    kPresence,  // FT_NONE / FT_PROTOCOL: no value, only present or absent
};

ValueKind value_kind_of(const std::string &ftype);

// Parses a number as tshark prints it ("10", "0x0018", "0.000040000") or as a
// spec writes it (also "true"/"false"). Long double keeps 64-bit integers exact.
std::optional<long double> parse_number(const std::string &text);

}  // namespace labcheck
