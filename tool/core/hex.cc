#include "hex.h"

#include <cctype>

namespace labcheck {

std::optional<std::string> normalize_hex(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ' ' || c == ':' || c == '-') continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (out.size() % 2 != 0) return std::nullopt;
    return out;
}

std::optional<std::string> bytes_from_hex(const std::string &text) {
    const auto hex = normalize_hex(text);
    if (!hex) return std::nullopt;
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out(hex->size() / 2, '\0');
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(nibble((*hex)[2 * i]) << 4 | nibble((*hex)[2 * i + 1]));
    return out;
}

std::string hex_of(const std::string &bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * bytes.size());
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 0x0f];
    }
    return out;
}

}  // namespace labcheck
