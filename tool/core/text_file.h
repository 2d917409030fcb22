// Whole files read and written with the reason when that fails, for messages
// such as "cannot write r.xml: Is a directory".
#pragma once

#include <optional>
#include <string>

namespace labcheck {

// Reads `path` into `text`, stopping after a little more than `limit` bytes
// (the path may be a device or a pipe that never ends): a longer file's
// `text` is longer than `limit`. Returns why it could not, or nothing.
std::optional<std::string> read_text_file(const std::string &path, size_t limit, std::string &text);

// Writes `text` to `path`; returns why it could not, or nothing.
std::optional<std::string> write_text_file(const std::string &path, const std::string &text);

}  // namespace labcheck
