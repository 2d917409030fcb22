// "Did you mean ...?" for misspelled keys and field names.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labcheck {

size_t edit_distance(const std::string &a, const std::string &b);

// The candidate closest to `word`, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(const std::string &word,
                                         const std::vector<std::string> &candidates);

}  // namespace labcheck
