// The text of a message body, from its bytes (labproto.payload) and the
// encoding the plugin decoded it with (labproto.encoding), converted to UTF-8
// with GLib. Every byte counts: a NUL terminator, NUL padding or a trailing
// newline stays in the text, where tshark's string field stops at a NUL.
#pragma once

#include <optional>
#include <string>

namespace labcheck {

// The body as UTF-8 text, or nothing when the plugin found no encoding for it
// ("none") or names one GLib cannot convert from. Bytes invalid in the
// encoding become U+FFFD, as the plugin shows them.
std::optional<std::string> body_text(const std::string &payload_hex, const std::string &encoding);

}  // namespace labcheck
