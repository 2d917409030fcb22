// Text for messages and reports: a spec's bytes or a program's output may be
// broken UTF-8, which would make a JUnit or JSON report unreadable.
#pragma once

#include <string>

namespace labcheck {

// `text` with every broken UTF-8 sequence, and every NUL, replaced by U+FFFD.
std::string valid_utf8(const std::string &text);

// Message texts may hold NULs, which GLib's validation refuses: these take
// NUL as the character it is.
bool is_valid_utf8(const std::string &text);
// `text` with each byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string repaired_utf8(const std::string &text);

}  // namespace labcheck
