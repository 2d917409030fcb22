// tshark evaluates only one display filter per run (-Y). To learn, in the
// same single pass, which of several filters each frame matches, labcheck
// asks the labproto plugin's frames tap, once per filter:
//     -z labproto,frames,ID,FILTER
// It prints {"labproto_frames":[ID,FRAME]} for each matching frame just
// before tshark prints that frame, and {"labproto_frames_total":[ID,COUNT]}
// once the capture has been read. No Lua is involved.
#pragma once

#include <string>
#include <vector>

namespace labcheck {

// The -z options that evaluate `filters`, filter i with ID i.
std::vector<std::string> frames_tap_arguments(const std::vector<std::string> &filters);

}  // namespace labcheck
