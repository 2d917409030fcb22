// Text as a person should see it: every character of the body, control
// characters included, shown as their Unicode control pictures (NUL as ␀, a
// newline as ␊, DEL as ␡). So "hi\0" and "hi" never look alike, in the packet
// details, the Info column and display filters, and nothing needs a
// backslash (which Wireshark 4.4 escapes once more in the Info column).
#pragma once

#include <cstddef>
#include <string>

namespace labproto {

// `utf8` (possibly containing NULs) with control characters made visible;
// invalid sequences become U+FFFD. At most `max_chars` characters are
// converted; `*rest` (if given) says whether any were left over.
std::string visible_text(const std::string &utf8, size_t max_chars = std::string::npos,
                         bool *rest = nullptr);

}  // namespace labproto
