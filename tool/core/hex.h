// Byte strings written as hex: specs may write "c8 c8", "c8:c8" or "C8C8";
// tshark prints "c8c8". Both sides are compared in the canonical form.
#pragma once

#include <optional>
#include <string>

namespace labcheck {

// Lower-case hex digits without separators, or nullopt when `text` is not an
// even number of hex digits (spaces, ':' and '-' between bytes are allowed).
std::optional<std::string> normalize_hex(const std::string &text);

// The bytes `text` (hex, as normalize_hex accepts it) stands for.
std::optional<std::string> bytes_from_hex(const std::string &text);
// Bytes as lower-case hex without separators.
std::string hex_of(const std::string &bytes);

}  // namespace labcheck
