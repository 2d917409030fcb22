// tshark evaluates only one display filter per run (-Y). To learn, in the
// same single pass, which of several filters each frame matches, labcheck
// loads a tiny Lua script that registers one tap listener per filter and
// prints a JSON line per match just before tshark prints that frame.
#pragma once

#include <string>
#include <vector>

namespace labcheck {

// The script's text (written to a file that tshark can read).
const std::string &filter_helper_script();

// tshark options that load the script from `script_path` with `filters`.
std::vector<std::string> filter_helper_arguments(const std::string &script_path,
                                                 const std::vector<std::string> &filters);

}  // namespace labcheck
